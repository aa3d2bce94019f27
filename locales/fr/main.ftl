# Astreinte — textes de l'interface (français, langue par défaut).

app-name = Astreinte
app-tagline = Planning des bénévoles d'écoute
skip-to-content = Aller au contenu
lang-switch-label = Langue
nav-label = Menu principal
nav-home = Accueil
nav-invite = Inviter un bénévole
nav-password = Mon mot de passe
nav-logout = Se déconnecter
required-hint = Tous les champs sont obligatoires.
form-errors-title = Le formulaire contient des erreurs :
slot-count = { $count ->
    [one] { $count } créneau
   *[other] { $count } créneaux
}

# Connexion
login-title = Connexion
login-intro = Connectez-vous avec votre adresse e-mail et votre mot de passe, ou recevez un lien de connexion par e-mail.
field-email = Adresse e-mail
field-password = Mot de passe
login-submit = Se connecter
login-failed = Adresse e-mail ou mot de passe incorrect.
magic-title = Sans mot de passe
magic-intro = Nous vous envoyons par e-mail un lien de connexion, valable 15 minutes et utilisable une seule fois.
magic-submit = Recevoir un lien de connexion
magic-sent = Si un compte existe pour cette adresse, un lien de connexion vient d'être envoyé. Il est valable 15 minutes. Pensez à regarder dans les courriers indésirables.
throttled = { $count ->
    [one] Trop de tentatives de connexion. Réessayez dans { $count } minute.
   *[other] Trop de tentatives de connexion. Réessayez dans { $count } minutes.
}
logged-out = Vous êtes déconnecté(e).
logged-out-everywhere = Vous êtes déconnecté(e) de tous vos appareils.

# Lien de connexion
magic-confirm-title = Confirmer la connexion
magic-confirm-text = Appuyez sur le bouton pour vous connecter à Astreinte.
magic-confirm-submit = Me connecter
invite-confirm-title = Activer votre compte
invite-confirm-text = Appuyez sur le bouton pour activer votre compte de bénévole.
invite-confirm-submit = Activer mon compte
magic-invalid-title = Lien invalide ou expiré
magic-invalid-text = Ce lien a déjà été utilisé ou a expiré. Demandez un nouveau lien depuis la page de connexion.
back-to-login = Retour à la connexion

# Accueil
home-title = Bonjour { $name }
role-admin = Vous êtes administrateur ou administratrice nationale : vous voyez tous les centres.
role-coordinator = { $count ->
    [one] Vous coordonnez { $count } centre.
   *[other] Vous coordonnez { $count } centres.
}
role-volunteer = Vous êtes bénévole.
home-now-title = Ce que vous pouvez faire aujourd'hui
home-next-title = Bientôt ici
home-next-volunteer = Vos disponibilités, votre formation et votre profil.
home-next-coordinator = Le tableau de bord de vos centres, la liste des bénévoles, l'import CSV et la demande d'appels.
home-next-admin = Les centres, les compétences, les coordinateurs et les réglages de l'organisation.
logout-everywhere-submit = Me déconnecter de tous mes appareils
logout-everywhere-help = Utile si vous êtes resté(e) connecté(e) sur un autre appareil.

# Invitation
invite-title = Inviter un bénévole
invite-intro = La personne reçoit par e-mail un lien, valable 7 jours, pour activer son compte.
field-display-name = Prénom et nom
field-centre = Centre
invite-submit = Envoyer l'invitation
invite-sent = Invitation envoyée.
error-email-invalid = Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.
error-name-required = Saisissez le prénom et le nom.
error-centre-invalid = Choisissez un de vos centres.
error-email-taken = Un compte existe déjà pour cette adresse.

# Mot de passe
password-title = Mon mot de passe
password-intro = Au moins 10 caractères. Une phrase facile à retenir convient très bien.
password-welcome = Bienvenue ! Vous pouvez choisir un mot de passe maintenant, ou continuer sans : vous pourrez toujours recevoir un lien de connexion par e-mail.
field-new-password = Nouveau mot de passe
field-confirm-password = Confirmer le mot de passe
password-submit = Enregistrer le mot de passe
password-saved = Mot de passe enregistré.
error-password-short = Le mot de passe doit contenir au moins 10 caractères.
error-password-mismatch = Les deux mots de passe ne sont pas identiques.

# Courriels
mail-greeting = Bonjour,
mail-magic-subject = Votre lien de connexion à Astreinte
mail-magic-text = Pour vous connecter, ouvrez ce lien. Il est valable 15 minutes et ne sert qu'une fois :
mail-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
mail-invite-subject = Invitation à rejoindre Astreinte
mail-invite-text = Vous êtes invité(e) à rejoindre le planning des bénévoles du centre { $centre }. Ouvrez ce lien pour activer votre compte (valable 7 jours) :
mail-signature = L'équipe Astreinte

# Erreurs
error-title = Erreur
error-400 = La demande est invalide.
error-403 = Vous n'avez pas accès à cette page.
error-csrf = Le formulaire a expiré. Revenez à la page précédente, rechargez-la, puis réessayez.
error-404 = Cette page n'existe pas.
error-413 = Le formulaire envoyé est trop volumineux.
error-429 = Trop de tentatives. Réessayez dans quelques minutes.
error-500 = Une erreur est survenue de notre côté. Réessayez dans un instant.
