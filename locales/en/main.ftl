# Astreinte — interface text (English).

app-name = Astreinte
app-tagline = Rota for helpline volunteers
skip-to-content = Skip to content
lang-switch-label = Language
nav-label = Main menu
nav-home = Home
nav-invite = Invite a volunteer
nav-password = My password
nav-logout = Log out
required-hint = All fields are required.
form-errors-title = The form has errors:
slot-count = { $count ->
    [one] { $count } slot
   *[other] { $count } slots
}

# Sign in
login-title = Sign in
login-intro = Sign in with your email address and password, or get a sign-in link by email.
field-email = Email address
field-password = Password
login-submit = Sign in
login-failed = Wrong email address or password.
magic-title = Without a password
magic-intro = We email you a sign-in link, valid for 15 minutes and usable once.
magic-submit = Email me a sign-in link
magic-sent = If an account exists for this address, a sign-in link has just been sent. It is valid for 15 minutes. Check your spam folder too.
throttled = { $count ->
    [one] Too many sign-in attempts. Try again in { $count } minute.
   *[other] Too many sign-in attempts. Try again in { $count } minutes.
}
logged-out = You are logged out.
logged-out-everywhere = You are logged out of all your devices.

# Sign-in link
magic-confirm-title = Confirm sign-in
magic-confirm-text = Press the button to sign in to Astreinte.
magic-confirm-submit = Sign me in
invite-confirm-title = Activate your account
invite-confirm-text = Press the button to activate your volunteer account.
invite-confirm-submit = Activate my account
magic-invalid-title = Invalid or expired link
magic-invalid-text = This link has already been used or has expired. Ask for a new link from the sign-in page.
back-to-login = Back to sign in

# Home
home-title = Hello { $name }
role-admin = You are a national administrator: you see every centre.
role-coordinator = { $count ->
    [one] You coordinate { $count } centre.
   *[other] You coordinate { $count } centres.
}
role-volunteer = You are a volunteer.
home-now-title = What you can do today
home-next-title = Coming soon
home-next-volunteer = Your availability, your training and your profile.
home-next-coordinator = Your centres' dashboard, the volunteer list, CSV import and call demand.
home-next-admin = Centres, skills, coordinators and organisation settings.
logout-everywhere-submit = Log me out of all my devices
logout-everywhere-help = Useful if you stayed signed in on another device.

# Invitation
invite-title = Invite a volunteer
invite-intro = They receive an email with a link, valid for 7 days, to activate their account.
field-display-name = First and last name
field-centre = Centre
invite-submit = Send the invitation
invite-sent = Invitation sent.
error-email-invalid = Enter a valid email address, for example name@example.org.
error-name-required = Enter the first and last name.
error-centre-invalid = Choose one of your centres.
error-email-taken = An account already exists for this address.

# Password
password-title = My password
password-intro = At least 10 characters. An easy-to-remember sentence works well.
password-welcome = Welcome! You can choose a password now, or carry on without one: you can always get a sign-in link by email.
field-new-password = New password
field-confirm-password = Confirm the password
password-submit = Save the password
password-saved = Password saved.
error-password-short = The password must be at least 10 characters long.
error-password-mismatch = The two passwords do not match.

# Emails
mail-greeting = Hello,
mail-magic-subject = Your Astreinte sign-in link
mail-magic-text = To sign in, open this link. It is valid for 15 minutes and works once:
mail-ignore = If you did not ask for this, ignore this message.
mail-invite-subject = Invitation to join Astreinte
mail-invite-text = You are invited to join the volunteer rota of the { $centre } centre. Open this link to activate your account (valid for 7 days):
mail-signature = The Astreinte team

# Errors
error-title = Error
error-400 = The request is invalid.
error-403 = You do not have access to this page.
error-csrf = The form has expired. Go back, reload the page, then try again.
error-404 = This page does not exist.
error-413 = The form sent is too large.
error-429 = Too many attempts. Try again in a few minutes.
error-500 = Something went wrong on our side. Try again in a moment.

## helper-8 — coordinator pages (start)
coord-home-title = My centres
coord-weekday-0 = Monday
coord-weekday-1 = Tuesday
coord-weekday-2 = Wednesday
coord-weekday-3 = Thursday
coord-weekday-4 = Friday
coord-weekday-5 = Saturday
coord-weekday-6 = Sunday
coord-qual-valid = valid
coord-qual-expiring = expiring soon
coord-qual-expired = expired
coord-qual-no-end = no end date
coord-trainee = trainee
coord-horizon = Coming weeks: from { $from } to { $to }.
coord-dashboard-title = Dashboard
coord-nav-list = Volunteer list
coord-nav-import = Import volunteers (CSV)
coord-nav-export = Export the list (CSV)
coord-nav-demand = Staffing demand
coord-missing-title = Availability not given
coord-given-title = Availability given
coord-expiring-title = Qualifications expiring within 60 days
coord-trainees-title = Trainees
coord-none = None.
coord-see-all = See the full list
coord-back-dashboard = Back to the centre dashboard
coord-back-list = Back to the volunteer list
coord-list-title = Volunteers
coord-filter-q = Search (name or email)
coord-filter-qual = Qualification
coord-filter-all = All
coord-filter-qual-valid = valid
coord-filter-qual-expiring = expiring within 60 days
coord-filter-qual-expired = expired
coord-filter-qual-trainee = trainee
coord-filter-avail = Availability for the coming weeks
coord-avail-given = given
coord-avail-missing = not given
coord-filter-status = Status
coord-status-active = active
coord-status-paused = paused
coord-status-left = left
coord-filter-submit = Filter
coord-result-count = { $count ->
    [one] { $count } volunteer
   *[other] { $count } volunteers
}
coord-list-caption = Volunteers of the centre
coord-col-name = Name
coord-col-status = Status
coord-col-quals = Qualifications
coord-col-avail = Availability
coord-col-phone = Phone
coord-pager = List pages
coord-page-of = Page { $page } of { $pages }
coord-page-prev = Previous page
coord-page-next = Next page
coord-saved = Changes saved.
coord-save = Save
coord-errors-count = { $count ->
    [one] { $count } field to correct, marked below.
   *[other] { $count } fields to correct, marked below.
}
coord-quals-title = Qualifications
coord-field-obtained = Obtained on
coord-field-until = Valid until
coord-until-hint = Leave empty to compute it from the skill's validity.
coord-obtained-hint = Leave empty for today.
coord-remove = Remove
coord-add-qual = Add a qualification
coord-field-skill = Skill
coord-choose = — Choose —
coord-field-target-hours = Target mentored hours
coord-field-started = Training start
coord-add-trainee = Add a training
coord-commitment-title = Commitment
coord-field-max-hours-week = Hours at most per week
coord-field-max-shifts-week = Shifts at most per week
coord-field-min-hours-month = Hours at least per month
coord-empty-no-limit = Leave empty: no limit.
coord-centres-title = Centres
coord-centres-legend = The volunteer's centres
coord-centre-not-yours = another coordinator's centre
coord-field-home = Home centre
coord-status-title = Status
coord-field-left-on = Date left
coord-left-on-hint = Required when the status is "left".
coord-err-hours-week = Enter a number of hours between 0 and 168.
coord-err-hours-month = Enter a number of hours between 0 and 744.
coord-err-shifts = Enter a whole number between 0 and 50.
coord-err-status = Choose a status.
coord-err-left-on = Enter the date left (DD/MM/YYYY).
coord-err-skill = Choose a skill from the list.
coord-err-skill-held = This skill is already in the list.
coord-err-centres = The volunteer must stay attached to at least one centre.
coord-err-date = Invalid date: use DD/MM/YYYY.
coord-err-until-before = The end of validity must follow the date obtained.
coord-err-target = Enter a number of hours between 0 and 1000.
coord-import-title = Import volunteers
coord-import-done = { $count ->
    [one] { $count } volunteer imported.
   *[other] { $count } volunteers imported.
}
coord-import-preview-title = File preview
coord-import-rejected = The file has errors: nothing was imported. Correct these lines and send it again.
coord-import-ready = { $count ->
    [one] { $count } correct line, ready to import.
   *[other] { $count } correct lines, ready to import.
}
coord-import-confirm = { $count ->
    [one] Import { $count } volunteer
   *[other] Import { $count } volunteers
}
coord-import-preview-caption = Lines read from the file
coord-col-line = Line
coord-col-check = Check
coord-line-ok = correct
coord-line-bad = to correct
coord-import-upload-title = Send a file
coord-import-file = CSV file
coord-import-file-hint = Excel "CSV (semicolon separated)" export in UTF-8, or a comma-separated file.
coord-import-no-file = Choose a CSV file.
coord-import-preview-submit = Check the file
coord-import-format-title = File format
coord-import-format-intro = A header line, then one line per volunteer. Semicolon (Excel) or comma separator. Only the "nom" column is required; volunteers are attached to this centre.
coord-import-col-nom = first and last name (required).
coord-import-col-email = email address, unique (optional).
coord-import-col-telephone = phone number (optional).
coord-import-col-langue = fr or en (fr by default).
coord-import-col-heures = hours at most per week, e.g. 6 or 2,5.
coord-import-col-astreintes = shifts at most per week (whole number).
coord-import-col-qualifications = skill codes separated by "|", e.g. ECOUTE|NUIT; "CODE:2027-06-30" sets the end of validity, otherwise it is computed from today.
coord-import-example = Example:
coord-import-template = Download the file template
coord-csv-error = line { $line }, column { $column }: { $message }
coord-csv-not-utf8 = the file is not UTF-8 (in Excel: "CSV UTF-8")
coord-csv-empty = the file is empty
coord-csv-no-data = no volunteer line
coord-csv-duplicate-column = duplicate column
coord-csv-unknown-column = unknown column
coord-csv-missing-column = required column missing
coord-csv-unreadable = unreadable line
coord-csv-too-many = more than { $detail } lines
coord-csv-field-count = wrong number of columns ({ $detail } expected)
coord-csv-name-required = name required
coord-csv-too-long = more than { $detail } characters
coord-csv-email-invalid = invalid address
coord-csv-email-duplicate = address already on line { $detail }
coord-csv-email-taken = address already used by an account
coord-csv-phone-invalid = invalid number
coord-csv-lang-invalid = unknown language (fr or en)
coord-csv-hours-invalid = invalid number of hours (0 to 168)
coord-csv-shifts-invalid = invalid number of shifts (whole number, 0 to 50)
coord-csv-skill-unknown = unknown skill: { $detail }
coord-csv-skill-twice = skill listed twice: { $detail }
coord-csv-date-invalid = invalid date: { $detail }
coord-demand-title = Staffing demand
coord-demand-fix = Correct the marked fields; nothing was saved.
coord-demand-profile-title = Expected calls hour by hour
coord-demand-service = Target: { $percent } % of calls answered within { $seconds } seconds. The last column gives the listeners needed (Erlang C).
coord-field-weekday = Day
coord-demand-choose = Show
coord-demand-caption = Calls per hour, mean handling time and listeners needed
coord-col-hour = Hour
coord-col-calls = Calls per hour
coord-col-aht = Mean handling time (minutes)
coord-col-staff = Listeners needed
coord-sessions-title = Fixed sessions
coord-sessions-intro = A session (for example a night from 22:00 to 08:30) fixes the times of shifts and their minimum staff. Once a session exists, every shift of the centre follows the sessions.
coord-sessions-caption = Sessions of the centre
coord-col-times = Times
coord-col-min-staff = Minimum staff
coord-next-day = (next day)
coord-sessions-add = Add a session
coord-field-start = Start (HH:MM)
coord-field-end = End (HH:MM)
coord-end-hint = An end before the start falls on the next day: 22:00 to 08:30 is a night.
coord-err-calls = Enter a number of calls between 0 and 10,000.
coord-err-aht = Enter a mean handling time in minutes, between 0 and 240.
coord-err-weekday = Choose a day.
coord-err-time = Invalid time: use HH:MM, e.g. 22:00.
coord-err-same-time = The end must differ from the start.
coord-err-required = Enter a whole number of staff between 1 and 50.
## helper-8 — coordinator pages (end)
