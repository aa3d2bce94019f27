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
