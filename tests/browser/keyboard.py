"""Drive a page with the keyboard alone, checking the focus after every key.

Issue 23's "focus never hidden" (WCAG 2.4.7 and 2.4.11): after each key press the
focused element must be rendered, have its centre inside the viewport and not be
covered — ``document.elementFromPoint`` at its centre is the element or one of its
descendants (or, for a control drawn by its ``<label>`` or a ``<summary>``, the
composite it belongs to). Elements are found by what a screen reader announces (the
accessible role and name, read from Chromium's accessibility tree over CDP), not by
CSS, so a test reads like the walk a person makes.

Nothing here clicks, fills or focuses an element: the only input is
``page.keyboard``. Reading state (the focused element, a select's chosen option) is
allowed, as a person sees it on screen.
"""

import re
from dataclasses import dataclass
from datetime import date

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return {tag: "body", html: "<body>", problem: null};
  }
  const html = el.outerHTML.slice(0, 400);
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const base = {tag: el.tagName.toLowerCase(), html: html, id: el.id || "",
                href: el.getAttribute("href") || "", type: el.type || ""};
  if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden"
      || style.display === "none" || el.closest("[hidden]") || el.checkVisibility
      && !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
    return {...base, problem: "not visible"};
  }
  // A link wrapped over two lines has one box per line and the centre of its
  // bounding box may fall between them: the centre of any one box must pass.
  const boxes = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  let problem = null;
  for (const box of boxes.length ? boxes : [rect]) {
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    if (cx < 0 || cy < 0 || cx > window.innerWidth || cy > window.innerHeight) {
      problem = problem || `centre (${Math.round(cx)}, ${Math.round(cy)}) ` +
        `outside the ${window.innerWidth}x${window.innerHeight} viewport`;
      continue;
    }
    const hit = document.elementFromPoint(cx, cy);
    const ok = hit && (el.contains(hit)
      // a control drawn by (or inside) its label
      || (hit.closest("label") && hit.closest("label").control === el)
      // a <summary>: its box within the <details>, not the opened content
      || (el.tagName === "SUMMARY" && el.parentElement.contains(hit)
          && ![...el.parentElement.children].some(
               (c) => c !== el && c.contains(hit))));
    if (ok) return {...base, problem: null};
    problem = problem || "covered by " + (hit ? hit.outerHTML.slice(0, 300) : "nothing");
  }
  return {...base, problem: problem};
}"""


DECORATIVE = re.compile("[\u25b2-\u25bf\u2022\u2023]")  # ▸ ▾ ▴ • ‣ and kin


@dataclass
class Focus:
    """The focused element as a screen reader and a sighted person meet it."""

    role: str
    name: str
    tag: str
    html: str
    id: str = ""
    href: str = ""
    type: str = ""

    def is_(self, role: str | None = None, name: str | re.Pattern | None = None):
        """True if the role (when given) matches and the name equals or matches."""
        if role is not None and self.role != role:
            return False
        if name is None:
            return True
        if isinstance(name, re.Pattern):
            return bool(name.search(self.name))
        return self.name == name


class Keyboard:
    """A keyboard-only driver for one page; ``steps`` records what was pressed."""

    def __init__(self, page, label: str = ""):
        self.page = page
        self.label = label
        self.steps: list[str] = []
        self._cdp = page.context.new_cdp_session(page)
        self._cdp.send("Accessibility.enable")

    # --- reading ------------------------------------------------------------------
    def focus(self) -> Focus:
        """The focused element, its accessible role and name, and any focus problem."""
        state = self.page.evaluate(FOCUS_JS)
        role, name = "", ""
        if state["tag"] != "body":
            handle = self._cdp.send(
                "Runtime.evaluate", {"expression": "document.activeElement"}
            )
            object_id = handle["result"].get("objectId")
            if object_id:
                tree = self._cdp.send(
                    "Accessibility.getPartialAXTree",
                    {"objectId": object_id, "fetchRelatives": False},
                )
                node = next(
                    (n for n in tree["nodes"] if not n.get("ignored")),
                    tree["nodes"][0] if tree["nodes"] else {},
                )
                role = node.get("role", {}).get("value", "")
                name = node.get("name", {}).get("value", "")
                self._cdp.send("Runtime.releaseObject", {"objectId": object_id})
        self._problem = state.pop("problem", None)
        return Focus(role=role, name=" ".join(str(name).split()), **state)

    def check(self, step: str) -> Focus:
        """Fail unless the focused element is visible, in view and not covered."""
        focus = self.focus()
        if self._problem:
            raise AssertionError(
                f"[{self.label}] {step}: focused element {self._problem}\n"
                f"  url: {self.page.url}\n  focused: {focus.html}\n"
                f"  steps so far: {' / '.join(self.steps[-8:])}"
            )
        return focus

    # --- acting -------------------------------------------------------------------
    def press(self, key: str, step: str = "", navigates: bool = False) -> Focus:
        """Press one key (waiting for the page it loads) and check the focus."""
        self.steps.append(f"{key}{' (' + step + ')' if step else ''}")
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
            self.page.wait_for_load_state()
            return self.focus()
        self.page.keyboard.press(key)
        return self.check(step or key)

    def tab_to(self, predicate, what: str, limit: int = 80, back: bool = False):
        """Tab (or Shift+Tab) until ``predicate(focus)`` holds, checking every stop."""
        key = "Shift+Tab" if back else "Tab"
        seen: list[str] = []
        for _ in range(limit):
            focus = self.press(key, f"towards {what}")
            seen.append(f"{focus.role} {focus.name!r}")
            if predicate(focus):
                return focus
        raise AssertionError(
            f"[{self.label}] {what} not reached in {limit} presses of {key} on "
            f"{self.page.url}; stops: {seen[-30:]}"
        )

    def tab_to_role(self, role, name, limit: int = 80, back: bool = False) -> Focus:
        """Tab to the control with this accessible role and name (str or regex)."""
        return self.tab_to(
            lambda f: f.is_(role, name), f"{role} {name!r}", limit=limit, back=back
        )

    def activate(self, key: str = "Enter", step: str = "") -> Focus:
        """Press Enter/Space on the focused link or button and wait for the page."""
        return self.press(key, step or f"{key} on the focused control", navigates=True)

    def follow(self, role: str, name, key: str = "Enter", limit: int = 80):
        """Tab to a link/button and activate it; returns the focus on the new page."""
        self.tab_to_role(role, name, limit=limit)
        return self.activate(key, f"{key} on {role} {name!r}")

    def type(self, text: str, step: str = "") -> Focus:
        """Type into the focused field."""
        self.steps.append(f"type {text[:20]!r}")
        self.page.keyboard.type(text)
        return self.check(step or f"typing {text[:20]!r}")

    def choose(self, option: str | re.Pattern, limit: int = 30) -> str:
        """In the focused ``<select>``, press ArrowDown/ArrowUp until ``option`` is
        chosen (Chromium changes a closed select's value with the arrows)."""
        read = "() => document.activeElement.selectedOptions[0]?.text.trim() ?? ''"

        def matches(text):
            if isinstance(option, re.Pattern):
                return bool(option.search(text))
            return text == option

        for key in ("ArrowDown", "ArrowUp"):
            for _ in range(limit):
                if matches(self.page.evaluate(read)):
                    return self.page.evaluate(read)
                before = self.page.evaluate(read)
                self.press(key, f"choosing {option!r}")
                if self.page.evaluate(read) == before:
                    break
        raise AssertionError(
            f"[{self.label}] option {option!r} not found in {self.focus().html}"
        )


def is_field(name: str | re.Pattern):
    """A predicate: a form control (not a link or button) with this name."""
    roles = {"textbox", "combobox", "checkbox", "radio", "spinbutton", "searchbox"}
    roles |= {"Date", "DateTime", "InputTime", "listbox"}  # Chromium's date fields

    def predicate(focus: Focus) -> bool:
        return focus.role in roles and focus.is_(None, name)

    return predicate


# --- steps every walk shares --------------------------------------------------------
def sign_in(kb: Keyboard, base: str, email: str, password: str) -> None:
    """The login form, by keyboard: the one ``goto`` of the walk."""
    kb.page.goto(base + "/login")
    kb.tab_to(is_field(re.compile(r"^Email")), "the email field")
    kb.type(email)
    kb.tab_to(is_field(re.compile(r"^Password")), "the password field")
    kb.type(password)
    kb.activate("Enter", "sign in")
    assert kb.page.url == base + "/", kb.page.url


def link(name) -> re.Pattern:
    return name if isinstance(name, re.Pattern) else re.compile(f"^{re.escape(name)}")


def follow(kb: Keyboard, name, role: str = "link") -> None:
    """Tab from the top of the page to a link (or button) and press Enter on it."""
    kb.tab_to_role(role, link(name), limit=150)
    kb.activate("Enter", f"follow {name}")


def follow_todo(kb: Keyboard, name, href: str = "") -> None:
    """A to-do on Home, unfolding "N more to do" (Enter on its summary) on the way.
    ``href`` tells apart to-dos with one name (two reviews of one person)."""
    pattern = link(name)

    def wanted(focus):
        return focus.is_("link", pattern) and focus.href.startswith(href)

    focus = kb.tab_to(
        lambda f: wanted(f) or "more to do" in f.name, f"to-do {name!r} {href}"
    )
    if not wanted(focus):
        kb.press("Enter", "open the other to-dos")
        kb.tab_to(wanted, f"to-do {name!r} {href}")
    kb.activate("Enter", f"follow the to-do {name!r}")


def press_confirmed(kb: Keyboard, button, asked: list[str]) -> None:
    """Tab to a ``data-confirm`` button, decline once (nothing happens, focus stays),
    then press it again and accept."""
    focus = kb.tab_to_role("button", link(button))
    url = kb.page.url
    kb.answers.append(False)
    kb.press("Enter", f"press {button!r}, decline the question")
    assert kb.page.url == url and asked, "the question was asked"
    again = kb.check("after declining")
    assert again.html == focus.html, f"focus moved after declining: {again.html}"
    kb.answers.append(True)
    kb.activate("Enter", f"press {button!r}, accept the question")


def answering(kb: Keyboard) -> list[str]:
    """Answer ``confirm()`` dialogs from ``kb.answers`` (accept when empty)."""
    asked: list[str] = []
    kb.answers = []

    def answer(dialog):
        asked.append(dialog.message)
        if kb.answers and not kb.answers.pop(0):
            dialog.dismiss()
        else:
            dialog.accept()

    kb.page.on("dialog", answer)
    return asked


def type_date(kb: Keyboard, day: date, hour: int | None = None) -> None:
    """Type a date (and a time) into the focused date field, segment by segment as
    Chromium's en-US date field takes it: month, day, year (, hour, minute, AM/PM)."""
    kb.type(day.strftime("%m%d%Y"))
    if hour is not None:
        kb.press("ArrowRight", "to the hour")
        kb.type(f"{hour % 12 or 12:02d}00{'AM' if hour < 12 else 'PM'}")


def open_section(kb: Keyboard, title: re.Pattern) -> None:
    """Tab to a form section's ``<summary>`` and open it with Enter if it is shut."""
    focus = kb.tab_to(
        lambda f: f.tag == "summary" and bool(title.search(f.name)), str(title)
    )
    # Names without decorative characters (issue 23): the drawn triangle is not read.
    assert not DECORATIVE.search(focus.name), f"decoration in the name {focus.name!r}"
    if not kb.page.evaluate("document.activeElement.parentElement.open"):
        kb.press("Enter", f"open {title.pattern}")
