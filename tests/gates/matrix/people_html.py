"""Matrix rows for the server-rendered pages: home, sign-in, people, departments,
skills, role profiles and admin accounts (plus static files and the API docs page).

Write rows are requested with no body: an allowed actor gets the view's answer to an
empty form — 422 with the inline errors, except the accounts form, whose fields are all
checkboxes (absent = off), so an empty form is valid and saves (302 to the list).
"""

from tests.gates.matrix import everyone, only

HR = ("hr",)
ADMIN = ("admin",)

ROWS = {
    # --- shell, sign-in, assets -----------------------------------------------------
    ("GET", "/"): everyone(200),
    ("GET", "/login"): everyone(302, anonymous=200),  # signed in: on to the home page
    ("POST", "/login"): everyone(302, anonymous=422),
    ("POST", "/logout"): everyone(302),
    ("GET", "/account/password"): everyone(200),
    ("POST", "/account/password"): everyone(422),
    ("POST", "/account/sign-out-everywhere"): everyone(302),
    ("GET", "/static/<path:filename>"): everyone(200, anonymous=200),
    ("GET", "/api/v1/docs"): everyone(200, anonymous=200),
    ("GET", "/api/v1/docs/assets/<name>"): everyone(200, anonymous=200),
    ("GET", "/favicon.ico"): everyone(200, anonymous=200),
    # --- people -------------------------------------------------------------------
    ("GET", "/people"): everyone(200),
    ("GET", "/people/<int:person_id>"): everyone(200),
    ("GET", "/people/new"): only(HR, 200),
    ("POST", "/people/new"): only(HR, 422),
    ("GET", "/people/<int:person_id>/edit"): only(HR, 200),
    ("POST", "/people/<int:person_id>/edit"): only(HR, 422),
    # an empty form: "Choose the CSV file" (tests/people/views/test_import_page.py)
    ("GET", "/people/import"): only(HR, 200),
    ("POST", "/people/import"): only(HR, 422),
    ("GET", "/people/import/sample.csv"): only(HR, 200),
    # --- departments --------------------------------------------------------------
    ("GET", "/departments"): everyone(200),
    ("GET", "/departments/<int:department_id>"): everyone(200),
    ("GET", "/departments/new"): only(HR, 200),
    ("POST", "/departments/new"): only(HR, 422),
    ("GET", "/departments/<int:department_id>/edit"): only(HR, 200),
    ("POST", "/departments/<int:department_id>/edit"): only(HR, 422),
    # --- skills and role profiles -------------------------------------------------
    ("GET", "/skills"): everyone(200),
    ("GET", "/skills/new"): only(HR, 200),
    ("POST", "/skills/new"): only(HR, 422),
    ("GET", "/skills/<int:skill_id>/edit"): only(HR, 200),
    ("POST", "/skills/<int:skill_id>/edit"): only(HR, 422),
    ("GET", "/role-profiles"): everyone(200),
    ("GET", "/role-profiles/<int:profile_id>"): everyone(200),
    ("GET", "/role-profiles/new"): only(HR, 200),
    ("POST", "/role-profiles/new"): only(HR, 422),
    ("GET", "/role-profiles/<int:profile_id>/edit"): only(HR, 200),
    ("POST", "/role-profiles/<int:profile_id>/edit"): only(HR, 422),
    # --- admin ----------------------------------------------------------------------
    # HR reads the accounts and their states (to invite people); flags stay admin's.
    ("GET", "/admin/accounts"): only(("hr", "admin"), 200),
    ("POST", "/admin/accounts/<int:user_id>"): only(ADMIN, 302),
}
