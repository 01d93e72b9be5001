"""The keyboard and screen-reader gate, run by ``_check`` on every page the browser
suite visits (issue 23). axe passes pages that still fail WCAG 2.2 AA in ways a person
with a screen reader or the keyboard meets at once, so these checks read what they
meet:

- **Names in context (1.3.1, 2.4.6):** no two form controls share an accessible name
  unless their descriptions or the named groups they sit in (a ``fieldset``'s
  ``legend``, a named ``role=group``) differ. Names come from Chromium's own
  accessibility tree (CDP ``Accessibility.getFullAXTree``), not from our guess at the
  name computation.
- **Errors tied to fields (3.3.1):** every ``aria-invalid="true"`` element is described
  by a message that exists and says something.
- **Headings in order (1.3.1):** a heading is at most one level below the one before.
- **Menus as disclosures (2.4.11):** each header menu opens by keyboard and closes on
  Escape with focus back on its button, so it never covers the focused content.
- **Text spacing (1.4.12):** with the WCAG override (line height 1.5, letter spacing
  0.12em, word spacing 0.16em, paragraph spacing 2em) no text is clipped: a text run
  must lie inside every ancestor that hides overflow, up to the first scroll container,
  and SVG text inside its ``<svg>``. The override goes in as a constructed stylesheet
  (the strict CSP refuses an injected ``<style>``), a screenshot with it is kept beside
  the page's own, and it is taken away again.
"""

from pathlib import Path

CONTROL_ROLES = {
    "textbox",
    "searchbox",
    "combobox",
    "listbox",
    "checkbox",
    "radio",
    "spinbutton",
    "slider",
    "switch",
    # Chromium's roles for date and time inputs; their month/day/year spinbuttons are
    # parts of the one control and are not counted on their own.
    "Date",
    "DateTime",
    "InputTime",
}
GROUP_ROLES = {"group", "radiogroup", "form", "dialog", "region"}

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def _value(node: dict, key: str) -> str:
    return str((node.get(key) or {}).get("value") or "").strip()


def duplicate_control_names(page) -> list[str]:
    """Controls a screen reader announces identically: same role, name, description
    and enclosing named groups."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    by_id = {n["nodeId"]: n for n in nodes}
    seen: dict[tuple, int] = {}
    for node in nodes:
        if node.get("ignored") or _value(node, "role") not in CONTROL_ROLES:
            continue
        groups, part_of_a_control = [], False
        parent = by_id.get(node.get("parentId"))
        while parent is not None:
            part_of_a_control |= _value(parent, "role") in CONTROL_ROLES
            if _value(parent, "role") in GROUP_ROLES and _value(parent, "name"):
                groups.append(_value(parent, "name"))
            parent = by_id.get(parent.get("parentId"))
        if part_of_a_control:
            continue
        key = (
            _value(node, "role"),
            _value(node, "name"),
            _value(node, "description"),
            tuple(groups),
        )
        seen[key] = seen.get(key, 0) + 1
    return [
        f"{count} × {role} named {name!r}"
        + (f" described {description!r}" if description else "")
        + (f" in {' / '.join(groups)!r}" if groups else "")
        for (role, name, description, groups), count in seen.items()
        if count > 1
    ]


INVALID_WITHOUT_MESSAGE = """() => [...document.querySelectorAll('[aria-invalid=true]')]
  .filter(el => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    return !ids.some(id => {
      const target = document.getElementById(id);
      return target && target.textContent.trim();
    });
  })
  .map(el => el.outerHTML.slice(0, 160))"""

HEADINGS = """() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')]
  .filter(h => h.checkVisibility())
  .map(h => [Number(h.getAttribute('aria-level') || h.tagName.slice(1)),
             h.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60)])"""


def heading_skips(page) -> list[str]:
    skips, previous = [], None
    for level, text in page.evaluate(HEADINGS):
        if previous is None and level != 1:
            skips.append(f"the first heading is h{level} ({text!r})")
        elif previous is not None and level > previous + 1:
            skips.append(f"h{previous} → h{level} at {text!r}")
        previous = level
    return skips


MENU_STATE = """(index) => {
  const details = [...document.querySelectorAll('header details')][index];
  const summary = details.querySelector('summary');
  return {open: details.open, focused: document.activeElement === summary,
          name: summary.textContent.trim()};
}"""


def menus_that_stay_open(page) -> list[str]:
    """Open each header menu from its button with Enter; Escape must close it and leave
    focus on the button."""
    problems = []
    # A test may have left a menu open on purpose; start from closed menus.
    page.evaluate(
        "() => document.querySelectorAll('header details').forEach(d => d.open = false)"
    )
    menus = page.locator("header details")
    for index in range(menus.count()):
        summary = menus.nth(index).locator("summary")
        if not summary.is_visible():
            continue
        summary.focus()
        page.keyboard.press("Enter")
        opened = page.evaluate(MENU_STATE, index)
        if not opened["open"]:
            problems.append(f"{opened['name']!r} does not open on Enter")
            continue
        page.keyboard.press("Escape")
        closed = page.evaluate(MENU_STATE, index)
        if closed["open"]:
            problems.append(f"{closed['name']!r} stays open on Escape")
            page.evaluate(
                "(i) => { document.querySelectorAll('header details')[i].open = false; }",
                index,
            )
        elif not closed["focused"]:
            problems.append(f"{closed['name']!r} closes on Escape but focus leaves it")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return problems


CLIPPED_TEXT = """() => {
  const hides = v => v === 'hidden' || v === 'clip';
  const scrolls = v => v === 'auto' || v === 'scroll';
  const styles = new Map();
  const style = el => {
    if (!styles.has(el)) styles.set(el, getComputedStyle(el));
    return styles.get(el);
  };
  const hiddenOnPurpose = (el, box) => box.width <= 1 || box.height <= 1
    || style(el).clip !== 'auto' || style(el).clipPath !== 'none';
  const describe = (node, why) =>
    `${why}: ${JSON.stringify(node.textContent.trim().slice(0, 50))}` +
    ` in <${node.parentElement.tagName.toLowerCase()} class="${node.parentElement.className}">`;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest(
      'svg, script, style, template, noscript, select, textarea, option')) continue;
    if (!parent.checkVisibility()) continue;
    range.selectNodeContents(node);
    const text = range.getBoundingClientRect();
    if (text.width === 0 && text.height === 0) continue;
    for (let box = parent; box && box !== document.documentElement; box = box.parentElement) {
      const s = style(box);
      const r = box.getBoundingClientRect();
      if (hiddenOnPurpose(box, r)) break;
      const cutX = hides(s.overflowX) && (text.left < r.left - 1 || text.right > r.right + 1);
      const cutY = hides(s.overflowY) && (text.top < r.top - 1 || text.bottom > r.bottom + 1);
      if (cutX || cutY) { found.push(describe(node, 'clipped')); break; }
      if (scrolls(s.overflowX) || scrolls(s.overflowY)) break;
    }
  }
  for (const text of document.querySelectorAll('svg text')) {
    const svg = text.ownerSVGElement;
    if (!svg || !text.textContent.trim() || !text.checkVisibility()) continue;
    if (style(svg).overflow === 'visible') continue;
    const t = text.getBoundingClientRect(), r = svg.getBoundingClientRect();
    if (t.left < r.left - 1 || t.right > r.right + 1 || t.top < r.top - 1
        || t.bottom > r.bottom + 1) {
      found.push(`SVG text cut by its chart: ${JSON.stringify(text.textContent.trim())}`);
    }
  }
  return found;
}"""

SPACING_ON = """(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  window.__a11yTextSpacing = sheet;
}"""
SPACING_OFF = """() => {
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter(
    s => s !== window.__a11yTextSpacing);
}"""


def clipped_text(page, screenshot: Path | None = None) -> dict[str, list[str]]:
    """Clipped text at normal spacing and under the text-spacing override."""
    found = {}
    normal = page.evaluate(CLIPPED_TEXT)
    if normal:
        found["clipped text"] = normal
    page.evaluate(SPACING_ON, TEXT_SPACING)
    try:
        spaced = page.evaluate(CLIPPED_TEXT)
        if screenshot is not None:
            page.screenshot(path=str(screenshot), full_page=True)
    finally:
        page.evaluate(SPACING_OFF)
    if spaced:
        found["clipped text with text spacing"] = spaced
    return found


def keyboard_and_screen_reader_problems(page, name: str, artifacts: Path) -> dict:
    """Every finding of this gate on the current page, keyed ``"<name> <check>"``."""
    width = page.viewport_size["width"]
    found: dict = {}
    checks = {
        "controls named alike": duplicate_control_names(page),
        "aria-invalid without a message": page.evaluate(INVALID_WITHOUT_MESSAGE),
        "heading levels": heading_skips(page),
        "menus": menus_that_stay_open(page),
    }
    checks.update(clipped_text(page, artifacts / f"{name}-{width}-spacing.png"))
    for check, problems in checks.items():
        if problems:
            found[f"{name} {check}"] = problems
    return found
