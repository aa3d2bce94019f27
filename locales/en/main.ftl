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

## Coordinator pages
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
coord-staff-fixed = { $count } (fixed staff)
coord-demand-all-days = Apply this profile to all seven weekdays
coord-availability-title = Availability
coord-availability-none = No weekly availability given.
coord-exceptions-title = Coming exceptions
coord-avail-preferred = preferred
coord-avail-possible = possible
coord-exc-absent = Away from { $from } to { $to }{ $times }
coord-exc-absent-day = Away on { $date }{ $times }
coord-exc-extra = Extra availability from { $from } to { $to }{ $times }
coord-exc-extra-day = Extra availability on { $date }{ $times }
## Volunteer pages
nav-availability = My availability
nav-training = My training
nav-profile = My profile
home-volunteer-title = My volunteer space
avail-title = My availability
avail-errors = Nothing was saved: correct the errors shown below.
avail-pattern-title = My usual week
avail-pattern-intro = For each day, mark hour by hour whether you are available: "possible" or "preferred" (your favourite times). This usual week repeats every week; the absences and additions below change it for given dates.
avail-timezone = Local times of the centre ({ $tz }), 24-hour clock.
avail-rounded = Some saved availability does not fall on whole hours: the grid shows it rounded to the hour, and saving the grid stores it that way.
avail-col-hour = Time
avail-col-state = Availability
avail-state-possible = possible
avail-state-preferred = preferred
avail-day-none = not available
avail-save = Save my usual week
avail-saved = Your availability is saved.
avail-grid-invalid = The grid sent contains an unknown value. For each hour choose "—", "possible" or "preferred". Nothing was saved.
avail-repeat-note = No need to copy last week: your usual week applies to every week automatically. For a different week, add an absence or extra availability.
avail-exceptions-title = Absences and extra availability
avail-absence-title = I will be away
avail-absence-from = From (first day)
avail-absence-to = To (last day, included)
avail-absence-to-hint = Leave empty for a single day.
avail-absence-save = Save the absence
avail-absence-saved = Your absence is saved.
avail-absence-none = No absence planned.
avail-absent-one = Away on { $date }
avail-absent-range = Away from { $from } to { $to }
avail-extra-title = I am available in addition
avail-extra-date = On (date)
avail-extra-from = From (time)
avail-extra-to = To (time)
avail-extra-state = Availability
avail-extra-save = Add this availability
avail-extra-saved = Your extra availability is saved.
avail-extra-item = Extra on { $date } from { $from } to { $to } ({ $state })
avail-delete = Delete
avail-deleted = Deleted.
avail-error-date = Enter a valid date, for example 24/12/2026.
avail-error-past = This date has passed: choose today or a later day.
avail-error-too-far = Choose a date within the next two years.
avail-error-end-before-start = The end date must be the start date or later.
avail-error-time = Enter times on the 24-hour clock, for example 14:00.
avail-error-end-before-start-time = The end time must be after the start time.
avail-coming-title = The coming weeks
avail-coming-intro = Your usual week with your absences and additions, as coordinators will see it.
avail-week-of = Week of { $date }
avail-week-total = Total available: { $hours }
avail-absent-mark = Away
avail-weeks-nav = Other weeks
avail-weeks-prev = Earlier weeks
avail-weeks-now = This week
avail-weeks-next = Later weeks
training-title = My training
training-qualifications-title = My qualifications
training-none = No qualification recorded yet.
training-valid-until = valid until { $date }
training-no-expiry = does not expire
training-expires-in = { $count ->
    [one] expires in { $count } day
   *[other] expires in { $count } days
}
training-expires-today = expires today
training-expired = expired (was valid until { $date })
training-expiring-tag = Expiring soon:
training-expired-tag = Expired:
training-expiring-summary = { $count ->
    [one] { $count } qualification expires within 60 days: talk to your coordinator.
   *[other] { $count } qualifications expire within 60 days: talk to your coordinator.
}
training-obtained = obtained on { $date }
training-trainee-title = My current training
training-trainee-none = You are not training for any skill.
training-progress = { $done } h of { $target } h of mentored shifts
training-planned = { $count ->
    [one] { $count } mentored hour planned in the rota
   *[other] { $count } mentored hours planned in the rota
}
training-started = started on { $date }
profile-title = My profile
profile-saved = Your profile is saved.
profile-identity-title = My details
profile-commitment-title = My commitment
profile-commitment-intro = The most you offer each week. Leave empty if you have no limit.
profile-field-lang = Interface language
profile-field-phone = Phone (optional)
profile-hint-phone = For example 06 12 34 56 78 or +33 6 12 34 56 78.
profile-field-email = Email address
profile-hint-email = To change it, ask your coordinator.
profile-email-none = none
profile-field-max-hours = Hours per week, at most (optional)
profile-field-max-shifts = Shifts per week, at most (optional)
profile-field-min-month = Hours per month, at least (optional)
profile-hint-min-month = If your association asks for a monthly minimum.
profile-save = Save my profile
profile-lang-fr = Français
profile-lang-en = English
profile-error-phone = Enter a valid phone number, for example 06 12 34 56 78 or +33 6 12 34 56 78.
profile-error-lang = Choose French or English.
profile-error-hours = Enter a whole number of hours between 0 and 60.
profile-error-shifts = Enter a whole number of shifts between 0 and 14.
profile-error-month = Enter a whole number of hours between 0 and 250.
profile-error-month-above-week = This monthly minimum is more than you offer in a month ({ $hours } h per week at most).
## Administration
admin-nav-label = Administration
admin-centres-title = Centres
admin-skills-title = Skills
admin-coord-title = Coordinators
admin-settings-title = Organisation settings
admin-saved = Changes saved.
admin-save = Save
admin-edit = Edit
admin-actions = Actions
admin-field-code = Code
admin-hint-code = Letters, digits, hyphen or underscore; at most 16 characters.
admin-field-centre-name = Centre name
admin-field-timezone = Time zone
admin-hint-timezone = IANA name, for example Europe/Paris or Indian/Reunion.
admin-field-mode = How shifts are organised
admin-mode-free = Free-length shifts (following the call demand)
admin-mode-sessions = Fixed sessions (set hours, for example nights)
admin-mode-free-short = Free length
admin-mode-sessions-short = Fixed sessions
admin-centres-none = No centre yet.
admin-centres-caption = Centres of the organisation
admin-centre-new = New centre
admin-centre-create = Create the centre
admin-centre-edit-title = Edit centre
admin-back-centres = Back to the list of centres
admin-field-name-fr = Name in French
admin-field-name-en = Name in English
admin-field-validity = Validity (months)
admin-hint-validity = Leave empty if the skill does not expire.
admin-validity-months = { $count ->
    [one] { $count } month
   *[other] { $count } months
}
admin-validity-none = No limit
admin-skills-none = No skill yet.
admin-skills-caption = Skills and how long they stay valid
admin-skill-new = New skill
admin-skill-create = Create the skill
admin-skill-edit-title = Edit skill
admin-back-skills = Back to the list of skills
admin-coord-none = No coordinator yet.
admin-coord-caption = Coordinators by centre
admin-coord-revoke = Remove
admin-coord-grant-title = Appoint a coordinator
admin-coord-grant-intro = The person must already have an account (invite them first if needed).
admin-coord-grant = Appoint coordinator
admin-coord-granted = Coordinator appointed.
admin-coord-revoked = Coordination removed.
admin-settings-service = Service level
admin-settings-shifts = Shifts and rest
admin-settings-planning = Planning
admin-field-default-timezone = Default time zone
admin-field-service-level = Service level target (%)
admin-hint-service-level = Share of calls answered within the time below, for example 80.
admin-field-answer-within = Answer within (seconds)
admin-hint-slot = { $count ->
    [one] Durations in minutes, multiples of { $count } minute.
   *[other] Durations in minutes, multiples of { $count } minutes.
}
admin-field-min-shift = Shortest shift (minutes)
admin-field-max-shift = Longest shift (minutes)
admin-field-min-rest = Shortest rest between two shifts (minutes)
admin-hint-min-rest = For example 660 for 11 hours.
admin-field-mentor = A trainee must always be accompanied by a mentor
admin-field-horizon = Planning horizon (weeks)
admin-error-required = This field is required.
admin-error-too-long = At most { $max } characters.
admin-error-code = Enter a code of 1 to 16 characters: letters, digits, hyphen or underscore.
admin-error-timezone = Unknown time zone. Enter an IANA name, for example Europe/Paris or Indian/Reunion.
admin-error-range = Enter a whole number between { $min } and { $max }.
admin-error-percent = Enter a percentage between 1 and 100.
admin-error-slot-multiple = Enter a multiple of { $slot } minutes.
admin-error-max-below-min = The longest shift must be at least the shortest.
admin-error-centre-mode = Choose how shifts are organised.
admin-error-centre-code-taken = Another centre already uses this code.
admin-error-skill-code-taken = Another skill already uses this code.
admin-error-centre-choose = Choose a centre.
admin-error-no-account = No account uses this address. Invite the person first.
admin-error-already-coordinator = This person already coordinates this centre.
nav-admin = Administration
## Personal data, journal, retention
nav-my-data = My data
gdpr-title = My data
gdpr-intro = This is everything the association keeps about you in Astreinte. You can download it or ask for its erasure.
gdpr-download = Download my data (JSON)
gdpr-times-in = Times shown in the { $tz } time zone.
gdpr-account = Account
gdpr-name = Name
gdpr-email = Email address
gdpr-phone = Phone
gdpr-lang = Language
gdpr-password = Password set
gdpr-yes = yes
gdpr-no = no
gdpr-created = Account created on
gdpr-last-login = Last sign-in
gdpr-coordinates = Centres coordinated
gdpr-volunteer = Volunteer record
gdpr-volunteer-id = Volunteer no.
gdpr-status = State
gdpr-max-week = At most per week
gdpr-shifts-unit = shifts
gdpr-min-month = At least per month
gdpr-centres = Centres
gdpr-home-centre = home centre
gdpr-qualifications = Qualifications
gdpr-obtained = obtained on
gdpr-valid-until = valid until
gdpr-trainee = Training in progress
gdpr-availability = Usual availability
gdpr-preferred = preferred
gdpr-exceptions = Absences and one-off availability
gdpr-exception-absent = Absence
gdpr-exception-extra = One-off availability
gdpr-shifts = Shifts in published rotas
gdpr-start = Start
gdpr-end = End
gdpr-centre = Centre
gdpr-skill = Skill
gdpr-emails = Messages sent (subjects only)
gdpr-date = Date
gdpr-subject = Subject
gdpr-audit = Log of views and changes about you
gdpr-audit-hint = Who viewed or changed your record, and when (account number of the person).
gdpr-action = Action
gdpr-actor = By
gdpr-actor-system = system
gdpr-none = Nothing.
gdpr-erasure = Ask for erasure
gdpr-erasure-explain = After your request, an administrator erases your data within a month: your name becomes “Bénévole supprimé”, your address, phone, availability and qualifications are deleted. Published rotas keep an anonymous shift.
gdpr-erasure-submit = Ask for my data to be erased
gdpr-erasure-recorded = Your erasure request is recorded.
gdpr-erasure-state = Request of { $date }: { $state }.
gdpr-request-pending = pending
gdpr-request-done = done
gdpr-request-rejected = refused
gdpr-requests = My requests
gdpr-handled = Handled on
admin-erasure-title = Erasure requests
admin-erasure-intro = Volunteers may ask for their data to be erased; answer within a month. Erasure anonymises the volunteer: published rotas keep a “Bénévole supprimé” shift.
admin-erasure-none = No request.
admin-erasure-person = Person
admin-erasure-action = Action
admin-erasure-submit = Erase
admin-erasure-no-volunteer = No volunteer record
admin-erasure-done = Volunteer no. { $id } is erased.
admin-retention-title = Retention
admin-retention-settings = Former volunteers are anonymised { $months } months after leaving; the journal is kept { $audit } months.
admin-retention-change = Change these periods
admin-retention-never-run = The daily task has not run yet.
admin-retention-last-run = Last run of the daily task: { $at }.
admin-retention-next = { $count ->
    [one] Anonymisations due within the next day
   *[other] Anonymisations due within the next { $count } days
}
admin-retention-none = No former volunteer to anonymise.
admin-retention-caption = Former volunteers to anonymise
admin-retention-left = Left on
admin-retention-due = Anonymised on
admin-retention-overdue = at the next run
admin-retention-audit = Journal
admin-retention-audit-due = { $count } journal entries before { $before } will be deleted.
admin-settings-retention = Data retention
admin-field-retention-months = Anonymise former volunteers after (months)
admin-hint-retention-months = Counted from the leaving date; 24 by default.
admin-field-audit-months = Keep the journal for (months)
admin-journal-title = Journal
admin-journal-actor = Author (account no.)
admin-journal-action = Action
admin-journal-action-hint = Start of the action name, e.g. “volunteer.” or “rota.publish”.
admin-journal-target = Target
admin-journal-target-hint = Kind, or kind:number, e.g. volunteer:12.
admin-journal-from = From
admin-journal-to = To
admin-journal-search = Search
admin-journal-none = No entry.
admin-journal-details = Details
admin-journal-page = { $count ->
   *[other] Journal, page { $count }
}
admin-journal-pages = Journal pages
admin-journal-prev = Previous page
admin-journal-next = Next page
admin-journal-error-actor = Author: type an account number.
admin-journal-error-date = Dates: type dates as YYYY-MM-DD.
admin-journal-error-centre = Centre: no centre has this code.
## Drop-outs and replacements
dropout-title = I can no longer do this shift
dropout-intro = If you can no longer do this shift, say so here: it stays on the rota, flagged to your coordinator, who will look for a replacement.
dropout-reason-label = Reason (optional)
dropout-reason-hint = At most 500 characters. Seen by the centre's coordinators.
dropout-submit = I can no longer do this shift
dropout-done = Noted: your coordinator has been told and is looking for a replacement. Thank you for letting us know.
dropout-error-past = This shift has started or is over: you can no longer drop out here. Call your coordinator.
dropout-error-not-published = This shift is not part of a published rota.
dropout-error-reason-long = Reason: at most 500 characters.
replace-title = Replacements
replace-back = Back to the centre dashboard
replace-intro = Published shifts whose volunteer dropped out. Replacements are ranked as the solver does: available, qualified on that date, rest and limits respected, least loaded relative to their commitment first.
replace-none = No drop-out waiting.
replace-dropped-by = Dropped out:
replace-reason = reason:
replace-offers-none = Not offered by email yet.
replace-offers-pending = { $count ->
    [one] Offered by email to { $count } volunteer; nobody has accepted yet.
   *[other] Offered by email to { $count } volunteers; nobody has accepted yet.
}
replace-no-candidate = No volunteer can replace on this shift.
replace-candidates-caption = { $count ->
    [one] { $count } possible replacement, best placed first
   *[other] { $count } possible replacements, best placed first
}
replace-col-rank = Rank
replace-col-name = Volunteer
replace-col-load = Hours this week / commitment
replace-col-why = Why this rank
replace-col-action = Action
replace-col-excluded = Why excluded
replace-assign = Assign
replace-offered = already asked
replace-offer-count = Number of volunteers to ask
replace-offer = Offer by email
replace-excluded-summary = { $count ->
    [one] { $count } volunteer excluded
   *[other] { $count } volunteers excluded
}
replace-excluded-caption = Volunteers of the centre who cannot replace, and why
replace-why-load-limit = loaded at { $percent } % of their weekly maximum
replace-why-load-available = loaded at { $percent } % of their availability this week
replace-why-shifts = { $count ->
    [one] { $count } shift this week
   *[other] { $count } shifts this week
}
replace-why-preferred = preferred time
replace-why-home = home centre
replace-excl-dropped = dropped out
replace-excl-unavailable = not available for the whole shift
replace-excl-qualified = not qualified for this skill on that date
replace-excl-overlap = already on duty at that time
replace-excl-rest = minimum rest broken with another shift
replace-excl-minutes = would pass their weekly maximum of hours
replace-excl-shifts = would pass their weekly maximum of shifts
replace-msg-assigned = Replacement assigned: the published rota is up to date.
replace-msg-already = This shift has already been covered.
replace-msg-gone = This shift no longer needs covering (past, or the rota was republished).
replace-msg-not-eligible = This volunteer can no longer take this shift (availability, rest or limits changed). Choose another.
replace-msg-offered = { $count ->
    [0] No new volunteer to ask.
    [one] Offered by email to { $count } volunteer.
   *[other] Offered by email to { $count } volunteers.
}
cover-confirm-title = Can you cover?
cover-confirm-text = A volunteer can no longer do this shift:
cover-confirm-submit = I'll take this shift
cover-confirm-first = The first to confirm takes it; the others are told.
cover-taken-title = Thank you, the shift is yours
cover-taken-text = It is on your rota and your coordinator has been told.
cover-already-title = Already covered
cover-already-text = Someone has already taken this shift. Thank you for answering!
cover-gone-title = Link expired or already used
cover-gone-text = This link is no longer valid: it was already used, or the shift has started.
cover-not-eligible-title = You cannot take this shift
cover-not-eligible-text = It no longer fits your availability, rest or limits. Your coordinator will look for someone else.
mail-dropout-subject = Drop-out: { $what }
mail-dropout-text = { $name } can no longer do the shift on { $what }.
mail-dropout-reason = Reason given: "{ $reason }"
mail-dropout-link-intro = Suggested replacements, to assign in one click:
mail-replacements-link = See the replacements
mail-cover-subject = Can you cover? { $what }
mail-cover-title = Can you cover?
mail-cover-text = A volunteer can no longer do this shift. Can you cover?
mail-cover-link-intro = To take it, open this link (valid until the shift starts):
mail-cover-button = I'll take it
mail-cover-first = The first to confirm takes it. If you cannot, ignore this message.
mail-cover-pending-subject = Cover offered: { $what }
mail-cover-pending-text = The shift on { $what } was offered by email; nobody has accepted yet. You will be told as soon as a volunteer takes it.
mail-cover-pending-count = { $count ->
    [one] { $count } volunteer asked.
   *[other] { $count } volunteers asked.
}
mail-covered-subject = It's covered, thank you: { $what }
mail-covered-text = The shift on { $what } has found a replacement. Thank you for being available!
mail-taken-subject = Covered by { $name }: { $what }
mail-taken-text = { $name } is doing the shift on { $what }. The published rota is up to date.
mail-assigned-subject = You are doing the shift on { $what }
mail-assigned-text = You are replacing a volunteer on the shift on { $what }. It is on your rota. Thank you!
## Rota review, adjustment and publication
rota-title = Rota for the week
rota-week = Week
rota-version = version
rota-revision = revision
rota-scope-all = all centres
rota-status-draft = Draft
rota-status-published = Published
rota-status-superseded = Superseded
rota-build-error = This week's scenario cannot be rebuilt (centres in different time zones?): coverage and reasons are not shown.
rota-print = Print
rota-focus-title = Centres
rota-focus-hint = Pick a centre to see its hour-by-hour coverage, the volunteers' load and the shifts (or "All centres" to show everything).
rota-focus-all = All centres
rota-focus-uncovered = uncovered:
rota-print-title = Printable rota
rota-back = Back to the rota
rota-csv = Export as CSV (Excel)
rota-publish = Publish this rota
rota-copy = Edit
rota-copy-hint = Creates a new draft from this version.
rota-versions = Versions of this week
rota-report = Solver report
rota-coverage = Coverage
rota-legend = Coverage legend
rota-legend-full = covered (solid border)
rota-legend-partial = partly covered (hatched)
rota-legend-empty = nobody (dense hatching, thick border)
rota-legend-none = nothing required
rota-hour = Hour
rota-cell-label = { $day } at { $hour }:00: { $covered } of { $required }
rota-uncovered = Uncovered slots and why
rota-uncovered-none = Everything required is covered.
rota-uncovered-total = { $count ->
    [one] { $count } uncovered minute in total.
   *[other] { $count } uncovered minutes in total.
}
rota-load = Load per volunteer
rota-load-none = No volunteer on duty.
rota-load-caption = Hours on duty this week and each person's limits
rota-col-volunteer = Volunteer
rota-col-hours = Hours
rota-col-limit = Weekly limit
rota-col-share = Share of the limit
rota-col-shifts = Shifts
rota-over-limit = over their limit
rota-trainees = Trainees and mentors
rota-trainees-none = No trainee on duty this week.
rota-trainees-caption = Each trainee and the staff on duty with them
rota-col-trainee = Trainee
rota-col-when = When
rota-col-centre = Centre
rota-col-skill = Skill
rota-col-mentors = Mentors on duty
rota-no-mentor = none
rota-alone = alone for part of the shift
rota-shifts = Shifts per day
rota-shifts-none = No shift.
rota-col-times = Times (local)
rota-col-role = Role
rota-col-actions = Actions
rota-next-day = (ends the next day)
rota-role-staff = Staff
rota-role-trainee = Trainee
rota-locked = locked
rota-lock = Lock
rota-unlock = Unlock
rota-remove = Remove
rota-move = Move
rota-move-submit = Save the move
rota-add-title = Add an assignment
rota-add-submit = Add
rota-field-volunteer = Volunteer (id)
rota-field-date = Date
rota-field-start = Start (local time)
rota-field-end = End (local time)
rota-hint-volunteer = Type a name or an id and pick from the list.
rota-hint-end = An end before the start ends the next day.
rota-done-change = Change saved.
rota-done-publish = Rota published.
rota-done-copy = New draft created: your changes do not touch the published version until you publish.
rota-conflict = Someone else changed this rota while you were looking at it. Nothing was saved: the page now shows the current version; make your change again if it is still needed.
rota-not-draft = This rota is no longer a draft (it was published or superseded). Nothing was saved. Click "Edit" to create a new draft.
rota-refuse-date = Date: enter a date as YYYY-MM-DD.
rota-refuse-time = Time: enter a time as HH:MM.
rota-refuse-order = Shift length: the end must be after the start.
rota-refuse-grid = Shift length: the start and end must fall on the { $slot }-minute grid.
rota-refuse-week = The shift must lie within this rota's week.
rota-refuse-template = This centre works in fixed sessions: the shift must match one of them exactly.
rota-refuse-length = Shift length: a shift lasts from { $min } h to { $max } h.
rota-refuse-unavailable = Unavailable: { $name } is not available for the whole shift.
rota-refuse-not-member = Centre: this volunteer does not belong to this centre (or is not active).
rota-refuse-expired = Qualification not valid on that date: { $name }'s "{ $skill }" qualification expired on { $date }.
rota-refuse-unqualified = Missing qualification: { $name } does not hold "{ $skill }".
rota-refuse-not-trainee = Trainee: { $name } is not training for "{ $skill }".
rota-refuse-overlap = Overlap: { $name } is already on duty at that time.
rota-refuse-rest = Minimum rest: { $name } needs at least { $rest } h of rest between two shifts.
rota-refuse-weekly-hours = Weekly limit: { $name } would be on duty { $total } h against a limit of { $max } h.
rota-refuse-weekly-shifts = Weekly limit: { $name } would exceed their maximum of { $max } shifts a week.
rota-refuse-mentor = Missing mentor: a "{ $skill }" trainee must always be with a qualified staff member.
rota-refuse-locked = Locked shift: unlock it before removing or moving it.
rota-refuse-other = This change breaks a rota rule.
rota-refuse-shift = Shift not found in this rota: reload the page.
rota-refuse-volunteer = Volunteer: unknown id. Pick a volunteer from the list.
rota-refuse-centre = Centre: choose one of this rota's centres.
rota-refuse-skill = Skill: choose a skill from the list.
## Training
training-sessions-title = Training
training-sessions-caption = Training sessions
training-sessions-none = No training session.
training-sessions-fill = Sessions and fill rate
training-new-title = New training session
training-edit-title = Edit the session
training-back-list = Back to training
training-back-mine = Back to my training
training-back-session = Back to the session
training-create = Create the session
training-save = Save
training-delete = Delete the session
training-field-skill = Skill
training-field-centre = Organising centre
training-field-remote = Remote (online)
training-field-date = Date
training-field-start = Start time (HH:MM, centre time)
training-field-end = End time (HH:MM, centre time)
training-field-trainer = Trainer
training-field-capacity = Seats
training-field-grants = What the session gives
training-field-place = Place
training-field-horizon = Horizon (qualifications expiring up to)
training-field-mentored-hours = Hours on duty beside a mentor (empty: none)
training-grants-renew = Renews the qualification
training-grants-grant = Initial course (grants the qualification)
training-place-remote = Remote
training-col-seats = Seats
training-col-status = Status
training-col-reason = Reason
training-col-fill = Fill rate
training-col-mentored = Mentored hours
training-col-next = Next step
training-col-action = Action
training-col-requires = Prerequisites
training-col-path = Path from trainee to qualified
training-seats-title = Seats given
training-status-invited = invited, no answer yet
training-status-accepted = accepted
training-status-declined = declined
training-error-skill = Skill: choose a skill from the list.
training-error-centre = Organising centre: choose one of your centres.
training-error-date = Date: enter a date as YYYY-MM-DD.
training-error-start = Start time: enter a time as HH:MM.
training-error-end = End time: enter a time as HH:MM.
training-error-end-order = End time: it must be after the start time.
training-error-trainer = Trainer: enter a name (at most 120 characters).
training-error-capacity = Seats: enter a whole number from 1 to 500.
training-error-grants = What the session gives: choose renewal or initial course.
training-error-mentored-hours = Hours on duty beside a mentor: enter a whole number from 1 to 500, or leave empty.
training-plan-title = Plan training
training-plan-help = Proposes who goes to which session: volunteers whose qualification expires before the horizon or who need the initial course, within their availability, centre and the seats. You review the proposal before confirming.
training-plan-submit = Plan training
training-plan-summary = { $met } need(s) met out of { $needs }.
training-plan-seconds = Computed in { $s } s.
training-plan-no-seat = No seat proposed in this session.
training-plan-late = after expiry
training-plan-confirm = Confirm and send the invitations
training-plan-unmet = Needs without a seat
training-plan-confirmed = { $count ->
    [0] No invitation sent.
    [one] { $count } invitation sent.
   *[other] { $count } invitations sent.
}
training-invitations-title = My training invitations
training-invitations-none = No invitation yet.
training-accept = Accept
training-decline = Decline
training-mail-subject = Training invitation: { $skill }
training-mail-intro = A seat is offered to you at the "{ $skill }" training, on { $when } ({ $place }).
training-mail-answer = Please accept or decline from your "My training" page:
training-attendance-title = Attendance
training-attendance-legend = Tick the volunteers who attended
training-attendance-none = Nobody has a seat in this session.
training-attendance-recorded = recorded on
training-attendance-saved = Attendance saved; qualifications are up to date.
training-dashboard-title = Training
training-expiring-quarter = Qualifications expiring this quarter
training-quarter = Up to { $date } (end of the quarter), including qualifications already expired.
training-qual-no_expiry = no expiry
training-qual-valid = valid
training-qual-expiring = expiring soon
training-qual-expired = expired
training-trainees-progress = Trainees' progress
training-step-course = Initial course
training-step-mentored = Mentored duty
training-step-signoff = Coordinator sign-off
training-step-done = Path complete
training-step-mentored-hours = { $count ->
    [one] { $count } hour on duty beside a mentor
   *[other] { $count } hours on duty beside a mentor
}
training-signoff = Sign off the qualification
training-signed = Qualification signed off.
training-csv-kind = Kind
training-csv-kind-qualification = Qualification
training-csv-kind-trainee = Trainee
training-csv-until = Valid until
training-csv-done = Mentored minutes
training-csv-target = Target (minutes)
training-catalogue-title = Training catalogue
training-catalogue-help = For each skill: its validity, prerequisites and the path from trainee to qualified (initial course, hours on duty beside a mentor, coordinator sign-off).
training-path-none = Initial course only
## My on-call shifts
nav-my-shifts = My shifts
my-shifts-title = My shifts
my-shifts-intro = Your shifts from the published rotas, in the centre's local time, with who is on duty with you.
my-shifts-upcoming = Upcoming
my-shifts-none = No upcoming published shift.
my-shifts-col-time = Time (centre's time)
my-shifts-col-centre = Centre
my-shifts-col-skill = Skill
my-shifts-col-role = Role
my-shifts-col-binome = On duty with
my-shifts-next-day = next day
my-shifts-role-staff = Listener
my-shifts-role-trainee = Trainee (mentored)
my-shifts-binome-none = No one else on this shift
my-shifts-binome-line = On duty with: { $names }
my-shifts-ical-role = Role: { $role }
my-shifts-ical-summary = On call: { $skill } — { $centre }
my-shifts-ical-summary-trainee = On call: { $skill } (trainee) — { $centre }
my-shifts-calendar-name = My shifts
my-shifts-past = { $count ->
    [one] { $count } shift in the last weeks
   *[other] { $count } shifts in the last weeks
}
my-shifts-calendar-title = Calendar and printing
my-shifts-download = Download my shifts (.ics file)
my-shifts-print-hint = To print, use your browser's print command: the page prints without the menu.
my-shifts-feed-title = Calendar subscription
my-shifts-feed-intro = A secret address lets your calendar app (phone, Thunderbird, Google Calendar…) follow your published shifts. Anyone who knows it sees your shifts: do not share it.
my-shifts-feed-none = No active subscription.
my-shifts-feed-create = Create my subscription address
my-shifts-feed-rotate = Replace the address (the old one stops working)
my-shifts-feed-revoke = Delete the subscription address
my-shifts-feed-active = Subscription active since { $date }.
my-shifts-feed-created = Your subscription address has been created. Copy it into your calendar now: it will not be shown again.
my-shifts-feed-url-label = Subscription address
my-shifts-feed-secret = This address is secret. If it has leaked, replace it.
my-shifts-feed-revoked = The subscription address has been deleted; it no longer works.
api-tokens-title = Telephony access
api-tokens-intro = Tokens of the read-only API that tells the telephone platform who is on duty now and next at this centre.
api-tokens-doc = OpenAPI documentation
api-tokens-never = never
api-tokens-list-title = Tokens
api-tokens-none = No token.
api-tokens-col-label = Name
api-tokens-col-created = Created
api-tokens-col-used = Last used
api-tokens-col-phones = Phone numbers
api-tokens-col-status = Status
api-tokens-phones-yes = included
api-tokens-phones-no = not included
api-tokens-revoked-on = revoked on { $date }
api-tokens-revoke = Revoke
api-tokens-revoke-named = Revoke token { $label }
api-tokens-revoked-notice = The token has been revoked; it is refused from now on.
api-tokens-create-title = Create a token
api-tokens-field-label = Token name (for example, the platform using it)
api-tokens-field-phones = Include the volunteers' phone numbers in answers
api-tokens-create = Create the token
api-tokens-created = Token created. Copy it now: it will not be shown again.
api-tokens-token-label = Token
api-tokens-shown-once = Only a fingerprint of the token is kept; if it is lost, create another one and revoke this one.
api-tokens-label-required = Token name: this field is required.
api-tokens-label-too-long = Token name: at most { $max } characters.
coord-nav-api = Telephony access
my-shifts-not-volunteer = This account has no volunteer record: it has no shifts.
## Rota generation
nav-planning = Rota
gen-title-centre = Rota — { $code } { $name }
gen-title-all = Rota — all centres
gen-scope-all = all centres
gen-other-centres = Your other centres
gen-week-label = Week
gen-week-hint = as YYYY-Wnn, for example 2026-W50
gen-week-show = Show
gen-week-prev = ← Previous week
gen-week-next = Next week →
gen-week-text = Week { $week }: { $from } to { $to }
gen-error-week = Week: "{ $value }" is not a valid week (expected YYYY-Wnn, for example 2026-W50).
gen-generate = Generate the rota
gen-generate-help = The solver computes a new draft version of the week. Published and locked assignments are kept; earlier versions stay available.
gen-running-link = A generation of this week is running: follow its progress.
gen-versions-title = Versions of the week
gen-versions-caption = Versions of the week's rota, newest first
gen-no-versions = No version for this week.
gen-col-version = Version
gen-col-status = Status
gen-col-created = Created
gen-col-uncovered = Uncovered minutes
gen-col-changed = Changed assignments
gen-col-open = Open
gen-open-version = Open version { $version }
gen-status-draft = draft
gen-status-published = published
gen-status-superseded = superseded
gen-job-title = Rota generation — week { $week }, { $scope }
gen-job-title-regenerate = Rota re-generation — week { $week }, { $scope }
gen-job-status = Status
gen-job-status-queued = queued
gen-job-status-running = running
gen-job-status-done = done
gen-job-status-failed = failed
gen-job-status-cancelled = cancelled
gen-already-running = A generation of this week was already running: here is its progress.
gen-progress-label = Progress
gen-progress-queued = Waiting for a worker…
gen-progress-building = Building the problem from the database…
gen-progress-storing = Storing the draft…
gen-progress-components = { $done } / { $total } components solved
gen-progress-score = current best: { $uncovered } uncovered min, bound { $bound }, gap { $gap } %
gen-progress-hint = You may close or reload this page: the computation goes on on the server.
gen-done = Draft version { $version } stored.
gen-uncovered = { $count ->
    [0] Everything is covered.
    [one] { $count } uncovered minute.
   *[other] { $count } uncovered minutes.
}
gen-changed = { $count ->
    [0] No assignment changed from the starting draft.
    [one] { $count } assignment changed from the starting draft.
   *[other] { $count } assignments changed from the starting draft.
}
gen-published = This version was published.
gen-see-draft = See the draft
gen-failed = The generation failed:
gen-back = Back to the week's rota
gen-regenerate = Re-generate
## Mail
mail-prefs-title = My email
mail-prefs-saved = Your email preferences are saved.
mail-prefs-reminders = Reminders before my shifts
mail-prefs-reminders-hint = Tick when to get a reminder (with the shift to add to your calendar). No box ticked: no reminder.
mail-prefs-hours-before = { $count ->
    [one] { $count } hour before
   *[other] { $count } hours before
}
mail-prefs-days-before = { $count ->
    [one] { $count } day before
   *[other] { $count } days before
}
mail-prefs-other = Other email
mail-prefs-non-essential = Receive availability requests and qualification expiry notices
mail-prefs-non-essential-hint = Shift reminders, your rota for the week and its changes are always sent.
mail-prefs-save = Save
unsub-title = Unsubscribe
unsub-intro = Stop sending availability requests and qualification expiry notices to { $address }?
unsub-done = Done: { $address } will no longer receive availability requests or qualification expiry notices.
unsub-essential = Shift reminders and your rota for the week are still sent. You can set everything on the "My email" page once signed in.
unsub-confirm = Unsubscribe me
outbox-title = Email
outbox-intro = Pending, sent and failed messages (the latest 200). Message contents are not shown and addresses are partly masked.
outbox-filter = Filter by status
outbox-all = All
outbox-empty = No message in this status.
outbox-caption = Messages, newest first
outbox-col-id = No.
outbox-col-status = Status
outbox-col-kind = Kind
outbox-col-to = Recipient
outbox-col-subject = Subject
outbox-col-attempts = Attempts
outbox-col-created = Created
outbox-col-when = Sent / next attempt
outbox-col-reason = Failure reason
outbox-col-action = Action
outbox-resend = Resend
outbox-requeued = The message is back in the sending queue.
outbox-status-pending = pending
outbox-status-sending = sending
outbox-status-sent = sent
outbox-status-failed = failed
admin-settings-mail = Email
admin-field-deadline-days = Availability due (days before the week's Monday)
admin-field-request-days = Availability request sent (days before that deadline)
admin-field-notice-days = Qualification expiry notice (days before expiry)

## Drop-out column on « Mes astreintes ».
my-shifts-col-dropout = Drop out
