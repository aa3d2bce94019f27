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

## Pages du coordinateur
coord-home-title = Mes centres
coord-weekday-0 = lundi
coord-weekday-1 = mardi
coord-weekday-2 = mercredi
coord-weekday-3 = jeudi
coord-weekday-4 = vendredi
coord-weekday-5 = samedi
coord-weekday-6 = dimanche
coord-qual-valid = valide
coord-qual-expiring = expire bientôt
coord-qual-expired = expirée
coord-qual-no-end = sans date de fin
coord-trainee = en formation
coord-horizon = Semaines à venir : du { $from } au { $to }.
coord-dashboard-title = Tableau de bord
coord-nav-list = Liste des bénévoles
coord-nav-import = Importer des bénévoles (CSV)
coord-nav-export = Exporter la liste (CSV)
coord-nav-demand = Besoins en écoutants
coord-missing-title = Disponibilités non données
coord-given-title = Disponibilités données
coord-expiring-title = Qualifications expirant dans les 60 jours
coord-trainees-title = Bénévoles en formation
coord-none = Aucun.
coord-see-all = Voir la liste complète
coord-back-dashboard = Retour au tableau de bord du centre
coord-back-list = Retour à la liste des bénévoles
coord-list-title = Bénévoles
coord-filter-q = Rechercher (nom ou e-mail)
coord-filter-qual = Qualification
coord-filter-all = Tous
coord-filter-qual-valid = valide
coord-filter-qual-expiring = expire dans les 60 jours
coord-filter-qual-expired = expirée
coord-filter-qual-trainee = en formation
coord-filter-avail = Disponibilités pour les semaines à venir
coord-avail-given = données
coord-avail-missing = non données
coord-filter-status = Statut
coord-status-active = actif
coord-status-paused = en pause
coord-status-left = parti
coord-filter-submit = Filtrer
coord-result-count = { $count ->
    [one] { $count } bénévole
   *[other] { $count } bénévoles
}
coord-list-caption = Bénévoles du centre
coord-col-name = Nom
coord-col-status = Statut
coord-col-quals = Qualifications
coord-col-avail = Disponibilités
coord-col-phone = Téléphone
coord-pager = Pages de la liste
coord-page-of = Page { $page } sur { $pages }
coord-page-prev = Page précédente
coord-page-next = Page suivante
coord-saved = Modifications enregistrées.
coord-save = Enregistrer
coord-errors-count = { $count ->
    [one] { $count } champ à corriger, signalé ci-dessous.
   *[other] { $count } champs à corriger, signalés ci-dessous.
}
coord-quals-title = Qualifications
coord-field-obtained = Obtenue le
coord-field-until = Valable jusqu'au
coord-until-hint = Laissez vide pour la calculer d'après la durée de validité de la compétence.
coord-obtained-hint = Laissez vide pour aujourd'hui.
coord-remove = Retirer
coord-add-qual = Ajouter une qualification
coord-field-skill = Compétence
coord-choose = — Choisir —
coord-field-target-hours = Objectif d'heures accompagnées
coord-field-started = Début de la formation
coord-add-trainee = Ajouter une formation
coord-commitment-title = Engagement
coord-field-max-hours-week = Heures au plus par semaine
coord-field-max-shifts-week = Astreintes au plus par semaine
coord-field-min-hours-month = Heures au moins par mois
coord-empty-no-limit = Laissez vide : pas de limite.
coord-centres-title = Centres
coord-centres-legend = Centres du bénévole
coord-centre-not-yours = centre d'un autre coordinateur
coord-field-home = Centre principal
coord-status-title = Statut
coord-field-left-on = Date de départ
coord-left-on-hint = Obligatoire si le statut est « parti ».
coord-err-hours-week = Indiquez un nombre d'heures entre 0 et 168.
coord-err-hours-month = Indiquez un nombre d'heures entre 0 et 744.
coord-err-shifts = Indiquez un nombre entier entre 0 et 50.
coord-err-status = Choisissez un statut.
coord-err-left-on = Indiquez la date de départ (JJ/MM/AAAA).
coord-err-skill = Choisissez une compétence de la liste.
coord-err-skill-held = Cette compétence figure déjà dans la liste.
coord-err-centres = Le bénévole doit rester rattaché à au moins un centre.
coord-err-date = Date invalide : utilisez le format JJ/MM/AAAA.
coord-err-until-before = La fin de validité doit suivre la date d'obtention.
coord-err-target = Indiquez un nombre d'heures entre 0 et 1000.
coord-import-title = Importer des bénévoles
coord-import-done = { $count ->
    [one] { $count } bénévole importé.
   *[other] { $count } bénévoles importés.
}
coord-import-preview-title = Aperçu du fichier
coord-import-rejected = Le fichier contient des erreurs : rien n'a été importé. Corrigez ces lignes puis envoyez-le de nouveau.
coord-import-ready = { $count ->
    [one] { $count } ligne correcte, prête à être importée.
   *[other] { $count } lignes correctes, prêtes à être importées.
}
coord-import-confirm = { $count ->
    [one] Importer { $count } bénévole
   *[other] Importer { $count } bénévoles
}
coord-import-preview-caption = Lignes lues dans le fichier
coord-col-line = Ligne
coord-col-check = Vérification
coord-line-ok = correcte
coord-line-bad = à corriger
coord-import-upload-title = Envoyer un fichier
coord-import-file = Fichier CSV
coord-import-file-hint = Export Excel « CSV (séparateur : point-virgule) » en UTF-8, ou fichier séparé par des virgules.
coord-import-no-file = Choisissez un fichier CSV.
coord-import-preview-submit = Vérifier le fichier
coord-import-format-title = Format du fichier
coord-import-format-intro = Une ligne d'en-tête puis une ligne par bénévole. Séparateur point-virgule (Excel) ou virgule. Seule la colonne « nom » est obligatoire ; les bénévoles sont rattachés à ce centre.
coord-import-col-nom = prénom et nom (obligatoire).
coord-import-col-email = adresse e-mail, unique (facultative).
coord-import-col-telephone = numéro de téléphone (facultatif).
coord-import-col-langue = fr ou en (fr par défaut).
coord-import-col-heures = heures au plus par semaine, par exemple 6 ou 2,5.
coord-import-col-astreintes = astreintes au plus par semaine (nombre entier).
coord-import-col-qualifications = codes des compétences séparés par « | », par exemple ECOUTE|NUIT ; « CODE:2027-06-30 » précise la fin de validité, sinon elle est calculée à partir d'aujourd'hui.
coord-import-example = Exemple :
coord-import-template = Télécharger le modèle de fichier
coord-csv-error = ligne { $line }, colonne { $column } : { $message }
coord-csv-not-utf8 = le fichier n'est pas en UTF-8 (dans Excel : « CSV UTF-8 »)
coord-csv-empty = le fichier est vide
coord-csv-no-data = aucune ligne de bénévole
coord-csv-duplicate-column = colonne en double
coord-csv-unknown-column = colonne inconnue
coord-csv-missing-column = colonne obligatoire absente
coord-csv-unreadable = ligne illisible
coord-csv-too-many = plus de { $detail } lignes
coord-csv-field-count = nombre de colonnes incorrect ({ $detail } attendues)
coord-csv-name-required = nom obligatoire
coord-csv-too-long = plus de { $detail } caractères
coord-csv-email-invalid = adresse invalide
coord-csv-email-duplicate = adresse déjà présente à la ligne { $detail }
coord-csv-email-taken = adresse déjà utilisée par un compte
coord-csv-phone-invalid = numéro invalide
coord-csv-lang-invalid = langue inconnue (fr ou en)
coord-csv-hours-invalid = nombre d'heures invalide (entre 0 et 168)
coord-csv-shifts-invalid = nombre d'astreintes invalide (entier entre 0 et 50)
coord-csv-skill-unknown = compétence inconnue : { $detail }
coord-csv-skill-twice = compétence en double : { $detail }
coord-csv-date-invalid = date invalide : { $detail }
coord-demand-title = Besoins en écoutants
coord-demand-fix = Corrigez les champs signalés ; rien n'a été enregistré.
coord-demand-profile-title = Appels attendus heure par heure
coord-demand-service = Objectif : { $percent } % des appels décrochés en moins de { $seconds } secondes. La dernière colonne donne le nombre d'écoutants nécessaire (Erlang C).
coord-field-weekday = Jour
coord-demand-choose = Afficher
coord-demand-caption = Appels par heure, durée moyenne et écoutants nécessaires
coord-col-hour = Heure
coord-col-calls = Appels par heure
coord-col-aht = Durée moyenne (minutes)
coord-col-staff = Écoutants nécessaires
coord-sessions-title = Permanences fixes
coord-sessions-intro = Une permanence (par exemple une nuit de 22:00 à 08:30) fixe les horaires des astreintes et leur effectif minimum. Dès qu'une permanence existe, toutes les astreintes du centre suivent les permanences.
coord-sessions-caption = Permanences du centre
coord-col-times = Horaires
coord-col-min-staff = Effectif minimum
coord-next-day = (le lendemain)
coord-sessions-add = Ajouter une permanence
coord-field-start = Début (HH:MM)
coord-field-end = Fin (HH:MM)
coord-end-hint = Une fin avant le début tombe le lendemain : 22:00 à 08:30 est une nuit.
coord-err-calls = Indiquez un nombre d'appels entre 0 et 10 000.
coord-err-aht = Indiquez une durée moyenne en minutes, entre 0 et 240.
coord-err-weekday = Choisissez un jour.
coord-err-time = Heure invalide : utilisez le format HH:MM, par exemple 22:00.
coord-err-same-time = La fin doit différer du début.
coord-err-required = Indiquez un effectif entier entre 1 et 50.
coord-staff-fixed = { $count } (effectif fixé)
coord-demand-all-days = Appliquer ce profil aux sept jours de la semaine
coord-availability-title = Disponibilités
coord-availability-none = Aucune disponibilité hebdomadaire indiquée.
coord-exceptions-title = Exceptions à venir
coord-avail-preferred = préféré
coord-avail-possible = possible
coord-exc-absent = Absent(e) du { $from } au { $to }{ $times }
coord-exc-absent-day = Absent(e) le { $date }{ $times }
coord-exc-extra = Disponible en plus du { $from } au { $to }{ $times }
coord-exc-extra-day = Disponible en plus le { $date }{ $times }
## Pages du bénévole
nav-availability = Mes disponibilités
nav-training = Ma formation
nav-profile = Mon profil
home-volunteer-title = Mon espace bénévole
avail-title = Mes disponibilités
avail-errors = Rien n'a été enregistré : corrigez les erreurs signalées ci-dessous.
avail-pattern-title = Ma semaine type
avail-pattern-intro = Pour chaque jour, indiquez heure par heure si vous êtes disponible : « possible » ou « préféré » (vos créneaux favoris). Cette semaine type se répète chaque semaine ; les absences et ajouts ci-dessous la modifient pour des dates précises.
avail-timezone = Heures locales du centre ({ $tz }), sur 24 heures.
avail-rounded = Certaines disponibilités enregistrées ne tombent pas sur des heures entières : la grille les affiche arrondies à l'heure ; elles seront enregistrées ainsi si vous enregistrez la grille.
avail-col-hour = Heure
avail-col-state = Disponibilité
avail-state-possible = possible
avail-state-preferred = préféré
avail-day-none = aucune disponibilité
avail-save = Enregistrer ma semaine type
avail-saved = Vos disponibilités sont enregistrées.
avail-grid-invalid = La grille envoyée contient une valeur inconnue. Choisissez pour chaque heure « — », « possible » ou « préféré ». Rien n'a été enregistré.
avail-repeat-note = Pas besoin de recopier la semaine précédente : votre semaine type s'applique automatiquement à toutes les semaines. Pour une semaine différente, ajoutez une absence ou une disponibilité en plus.
avail-exceptions-title = Absences et disponibilités en plus
avail-absence-title = Je suis absent(e)
avail-absence-from = Du (premier jour)
avail-absence-to = Au (dernier jour, inclus)
avail-absence-to-hint = Laissez vide pour une seule journée.
avail-absence-save = Enregistrer l'absence
avail-absence-saved = Votre absence est enregistrée.
avail-absence-none = Aucune absence prévue.
avail-absent-one = Absent(e) le { $date }
avail-absent-range = Absent(e) du { $from } au { $to }
avail-extra-title = Je suis disponible en plus
avail-extra-date = Le (date)
avail-extra-from = De (heure)
avail-extra-to = À (heure)
avail-extra-state = Disponibilité
avail-extra-save = Ajouter cette disponibilité
avail-extra-saved = Votre disponibilité en plus est enregistrée.
avail-extra-item = En plus le { $date } de { $from } à { $to } ({ $state })
avail-delete = Supprimer
avail-deleted = Supprimé.
avail-error-date = Saisissez une date valide, par exemple 24/12/2026.
avail-error-past = Cette date est passée : choisissez aujourd'hui ou un jour suivant.
avail-error-too-far = Choisissez une date dans les deux ans à venir.
avail-error-end-before-start = La date de fin doit être le même jour que la date de début ou après.
avail-error-time = Saisissez les heures sur 24 heures, par exemple 14:00.
avail-error-end-before-start-time = L'heure de fin doit être après l'heure de début.
avail-coming-title = Les semaines à venir
avail-coming-intro = Votre semaine type, avec vos absences et ajouts, telle que les coordinateurs la verront.
avail-week-of = Semaine du { $date }
avail-week-total = Total disponible : { $hours }
avail-absent-mark = Absent(e)
avail-weeks-nav = Autres semaines
avail-weeks-prev = Semaines précédentes
avail-weeks-now = Cette semaine
avail-weeks-next = Semaines suivantes
training-title = Ma formation
training-qualifications-title = Mes qualifications
training-none = Aucune qualification enregistrée pour l'instant.
training-valid-until = valable jusqu'au { $date }
training-no-expiry = sans date d'expiration
training-expires-in = { $count ->
    [one] expire dans { $count } jour
   *[other] expire dans { $count } jours
}
training-expires-today = expire aujourd'hui
training-expired = expirée (valable jusqu'au { $date })
training-expiring-tag = Expire bientôt :
training-expired-tag = Expirée :
training-expiring-summary = { $count ->
    [one] { $count } qualification expire dans les 60 jours : parlez-en à votre coordinateur ou coordinatrice.
   *[other] { $count } qualifications expirent dans les 60 jours : parlez-en à votre coordinateur ou coordinatrice.
}
training-obtained = obtenue le { $date }
training-trainee-title = Ma formation en cours
training-trainee-none = Vous n'êtes en formation pour aucune compétence.
training-progress = { $done } h sur { $target } h de permanences accompagnées
training-planned = { $count ->
    [one] { $count } h accompagnée prévue au planning
   *[other] { $count } h accompagnées prévues au planning
}
training-started = commencée le { $date }
profile-title = Mon profil
profile-saved = Votre profil est enregistré.
profile-identity-title = Mes coordonnées
profile-commitment-title = Mon engagement
profile-commitment-intro = Ce que vous proposez au maximum chaque semaine. Laissez vide si vous n'avez pas de limite.
profile-field-lang = Langue de l'interface
profile-field-phone = Téléphone (facultatif)
profile-hint-phone = Par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.
profile-field-email = Adresse e-mail
profile-hint-email = Pour la changer, demandez à votre coordinateur ou coordinatrice.
profile-email-none = aucune
profile-field-max-hours = Heures par semaine, au maximum (facultatif)
profile-field-max-shifts = Permanences par semaine, au maximum (facultatif)
profile-field-min-month = Heures par mois, au minimum (facultatif)
profile-hint-min-month = Si votre association vous demande un minimum mensuel.
profile-save = Enregistrer mon profil
profile-lang-fr = Français
profile-lang-en = English
profile-error-phone = Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.
profile-error-lang = Choisissez le français ou l'anglais.
profile-error-hours = Saisissez un nombre entier d'heures entre 0 et 60.
profile-error-shifts = Saisissez un nombre entier de permanences entre 0 et 14.
profile-error-month = Saisissez un nombre entier d'heures entre 0 et 250.
profile-error-month-above-week = Ce minimum mensuel dépasse ce que vous proposez en un mois ({ $hours } h par semaine au plus).
## Administration
admin-nav-label = Administration
admin-centres-title = Centres
admin-skills-title = Compétences
admin-coord-title = Coordinateurs
admin-settings-title = Paramètres de l'organisation
admin-saved = Modifications enregistrées.
admin-save = Enregistrer
admin-edit = Modifier
admin-actions = Actions
admin-field-code = Code
admin-hint-code = Lettres, chiffres, tiret ou souligné ; 16 caractères au plus.
admin-field-centre-name = Nom du centre
admin-field-timezone = Fuseau horaire
admin-hint-timezone = Nom IANA, par exemple Europe/Paris ou Indian/Reunion.
admin-field-mode = Organisation des créneaux
admin-mode-free = Créneaux de durée libre (selon la demande d'appels)
admin-mode-sessions = Permanences fixes (horaires imposés, par exemple les nuits)
admin-mode-free-short = Durée libre
admin-mode-sessions-short = Permanences fixes
admin-centres-none = Aucun centre pour l'instant.
admin-centres-caption = Centres de l'organisation
admin-centre-new = Nouveau centre
admin-centre-create = Créer le centre
admin-centre-edit-title = Modifier le centre
admin-back-centres = Retour à la liste des centres
admin-field-name-fr = Nom en français
admin-field-name-en = Nom en anglais
admin-field-validity = Validité (mois)
admin-hint-validity = Laissez vide si la compétence n'expire pas.
admin-validity-months = { $count ->
    [one] { $count } mois
   *[other] { $count } mois
}
admin-validity-none = Sans limite
admin-skills-none = Aucune compétence pour l'instant.
admin-skills-caption = Compétences et durée de validité
admin-skill-new = Nouvelle compétence
admin-skill-create = Créer la compétence
admin-skill-edit-title = Modifier la compétence
admin-back-skills = Retour à la liste des compétences
admin-coord-none = Aucun coordinateur pour l'instant.
admin-coord-caption = Coordinateurs par centre
admin-coord-revoke = Retirer
admin-coord-grant-title = Nommer un coordinateur
admin-coord-grant-intro = La personne doit déjà avoir un compte (invitez-la d'abord si besoin).
admin-coord-grant = Nommer coordinateur
admin-coord-granted = Coordinateur nommé.
admin-coord-revoked = Coordination retirée.
admin-settings-service = Niveau de service
admin-settings-shifts = Créneaux et repos
admin-settings-planning = Planification
admin-field-default-timezone = Fuseau horaire par défaut
admin-field-service-level = Objectif de niveau de service (%)
admin-hint-service-level = Part des appels décrochés dans le délai ci-dessous, par exemple 80.
admin-field-answer-within = Délai de décroché (secondes)
admin-hint-slot = { $count ->
    [one] Durées en minutes, multiples de { $count } minute.
   *[other] Durées en minutes, multiples de { $count } minutes.
}
admin-field-min-shift = Durée minimale d'un créneau (minutes)
admin-field-max-shift = Durée maximale d'un créneau (minutes)
admin-field-min-rest = Repos minimal entre deux créneaux (minutes)
admin-hint-min-rest = Par exemple 660 pour 11 heures.
admin-field-mentor = Un stagiaire doit toujours être accompagné d'un tuteur
admin-field-horizon = Horizon de planification (semaines)
admin-error-required = Ce champ est obligatoire.
admin-error-too-long = { $max } caractères au plus.
admin-error-code = Saisissez un code de 1 à 16 caractères : lettres, chiffres, tiret ou souligné.
admin-error-timezone = Fuseau horaire inconnu. Saisissez un nom IANA, par exemple Europe/Paris ou Indian/Reunion.
admin-error-range = Saisissez un nombre entier entre { $min } et { $max }.
admin-error-percent = Saisissez un pourcentage entre 1 et 100.
admin-error-slot-multiple = Saisissez un multiple de { $slot } minutes.
admin-error-max-below-min = La durée maximale doit être au moins égale à la durée minimale.
admin-error-centre-mode = Choisissez une organisation des créneaux.
admin-error-centre-code-taken = Un autre centre utilise déjà ce code.
admin-error-skill-code-taken = Une autre compétence utilise déjà ce code.
admin-error-centre-choose = Choisissez un centre.
admin-error-no-account = Aucun compte n'utilise cette adresse. Invitez d'abord la personne.
admin-error-already-coordinator = Cette personne coordonne déjà ce centre.
nav-admin = Administration
## Données personnelles, journal, conservation
nav-my-data = Mes données
gdpr-title = Mes données
gdpr-intro = Voici tout ce que l'association conserve à votre sujet dans Astreinte. Vous pouvez le télécharger ou demander son effacement.
gdpr-download = Télécharger mes données (JSON)
gdpr-times-in = Heures affichées dans le fuseau { $tz }.
gdpr-account = Compte
gdpr-name = Nom
gdpr-email = Adresse électronique
gdpr-phone = Téléphone
gdpr-lang = Langue
gdpr-password = Mot de passe défini
gdpr-yes = oui
gdpr-no = non
gdpr-created = Compte créé le
gdpr-last-login = Dernière connexion
gdpr-coordinates = Centres coordonnés
gdpr-volunteer = Fiche bénévole
gdpr-volunteer-id = N° bénévole
gdpr-status = État
gdpr-max-week = Au plus par semaine
gdpr-shifts-unit = créneaux
gdpr-min-month = Au moins par mois
gdpr-centres = Centres
gdpr-home-centre = centre principal
gdpr-qualifications = Qualifications
gdpr-obtained = obtenue le
gdpr-valid-until = valable jusqu'au
gdpr-trainee = Formations en cours
gdpr-availability = Disponibilités habituelles
gdpr-preferred = préféré
gdpr-exceptions = Absences et disponibilités ponctuelles
gdpr-exception-absent = Absence
gdpr-exception-extra = Disponibilité ponctuelle
gdpr-shifts = Créneaux des plannings publiés
gdpr-start = Début
gdpr-end = Fin
gdpr-centre = Centre
gdpr-skill = Compétence
gdpr-emails = Messages envoyés (objets seulement)
gdpr-date = Date
gdpr-subject = Objet
gdpr-audit = Journal des accès et modifications vous concernant
gdpr-audit-hint = Qui a consulté ou modifié votre fiche, et quand (n° de compte de la personne).
gdpr-action = Action
gdpr-actor = Par
gdpr-actor-system = système
gdpr-none = Rien.
gdpr-erasure = Demander l'effacement
gdpr-erasure-explain = Après votre demande, un administrateur efface vos données dans le mois : votre nom devient « Bénévole supprimé », votre adresse, votre téléphone, vos disponibilités et qualifications sont supprimés. Les plannings publiés gardent un créneau anonyme.
gdpr-erasure-submit = Demander l'effacement de mes données
gdpr-erasure-recorded = Votre demande d'effacement est enregistrée.
gdpr-erasure-state = Demande du { $date } : { $state }.
gdpr-request-pending = en attente
gdpr-request-done = effectuée
gdpr-request-rejected = refusée
gdpr-requests = Mes demandes
gdpr-handled = Traitée le
admin-erasure-title = Demandes d'effacement
admin-erasure-intro = Les bénévoles peuvent demander l'effacement de leurs données ; répondez dans le mois. L'effacement anonymise le bénévole : les plannings publiés gardent un créneau « Bénévole supprimé ».
admin-erasure-none = Aucune demande.
admin-erasure-person = Personne
admin-erasure-action = Action
admin-erasure-submit = Effacer
admin-erasure-no-volunteer = Pas de fiche bénévole
admin-erasure-done = Le bénévole n° { $id } est effacé.
admin-retention-title = Conservation
admin-retention-settings = Les anciens bénévoles sont anonymisés { $months } mois après leur départ ; le journal est conservé { $audit } mois.
admin-retention-change = Modifier ces durées
admin-retention-never-run = La tâche quotidienne n'a pas encore tourné.
admin-retention-last-run = Dernier passage de la tâche quotidienne : { $at }.
admin-retention-next = { $count ->
    [one] Anonymisations prévues dans le prochain jour
   *[other] Anonymisations prévues dans les { $count } prochains jours
}
admin-retention-none = Aucun ancien bénévole à anonymiser.
admin-retention-caption = Anciens bénévoles à anonymiser
admin-retention-left = Départ
admin-retention-due = Anonymisation le
admin-retention-overdue = au prochain passage
admin-retention-audit = Journal
admin-retention-audit-due = { $count } entrées du journal antérieures au { $before } seront supprimées.
admin-settings-retention = Conservation des données
admin-field-retention-months = Anonymiser les anciens bénévoles après (mois)
admin-hint-retention-months = Compté depuis la date de départ ; 24 par défaut.
admin-field-audit-months = Conserver le journal (mois)
admin-journal-title = Journal
admin-journal-actor = Auteur (n° de compte)
admin-journal-action = Action
admin-journal-action-hint = Début du nom de l'action, par exemple « volunteer. » ou « rota.publish ».
admin-journal-target = Cible
admin-journal-target-hint = Type, ou type:numéro, par exemple volunteer:12.
admin-journal-from = Du
admin-journal-to = Au
admin-journal-search = Rechercher
admin-journal-none = Aucune entrée.
admin-journal-details = Détails
admin-journal-page = { $count ->
   *[other] Journal, page { $count }
}
admin-journal-pages = Pages du journal
admin-journal-prev = Page précédente
admin-journal-next = Page suivante
admin-journal-error-actor = Auteur : saisissez un numéro de compte.
admin-journal-error-date = Dates : saisissez des dates au format AAAA-MM-JJ.
admin-journal-error-centre = Centre : aucun centre n'a ce code.
## Désistements et remplacements
dropout-title = Je ne peux plus assurer cette astreinte
dropout-intro = Si vous ne pouvez plus assurer cette astreinte, dites-le ici : elle reste au planning, signalée à votre coordinateur, qui cherchera un remplaçant.
dropout-reason-label = Raison (facultative)
dropout-reason-hint = 500 caractères au plus. Visible par les coordinateurs du centre.
dropout-submit = Je ne peux plus assurer cette astreinte
dropout-done = C'est noté : votre coordinateur est prévenu et cherche un remplaçant. Merci de l'avoir signalé.
dropout-error-past = Cette astreinte est commencée ou passée : vous ne pouvez plus vous en désister ici. Appelez votre coordinateur.
dropout-error-not-published = Cette astreinte ne fait pas partie d'un planning publié.
dropout-error-reason-long = Raison : 500 caractères au plus.
replace-title = Remplacements
replace-back = Retour au tableau de bord du centre
replace-intro = Astreintes publiées dont le bénévole s'est désisté. Les remplaçants sont classés comme le fait le solveur : disponibles, qualifiés à cette date, repos et limites respectés, les moins chargés par rapport à leur engagement d'abord.
replace-none = Aucun désistement en attente.
replace-dropped-by = Désistement de
replace-reason = raison :
replace-offers-none = Pas encore proposé par courriel.
replace-offers-pending = { $count ->
    [one] Proposé par courriel à { $count } bénévole ; personne n'a encore accepté.
   *[other] Proposé par courriel à { $count } bénévoles ; personne n'a encore accepté.
}
replace-no-candidate = Aucun bénévole ne peut remplacer sur ce créneau.
replace-candidates-caption = { $count ->
    [one] { $count } remplaçant possible, le mieux placé d'abord
   *[other] { $count } remplaçants possibles, les mieux placés d'abord
}
replace-col-rank = Rang
replace-col-name = Bénévole
replace-col-load = Heures cette semaine / engagement
replace-col-why = Pourquoi à ce rang
replace-col-action = Action
replace-col-excluded = Pourquoi exclu
replace-assign = Affecter
replace-offered = déjà sollicité
replace-offer-count = Nombre de bénévoles à solliciter
replace-offer = Proposer par courriel
replace-excluded-summary = { $count ->
    [one] { $count } bénévole exclu
   *[other] { $count } bénévoles exclus
}
replace-excluded-caption = Bénévoles du centre qui ne peuvent pas remplacer, et pourquoi
replace-why-load-limit = chargé à { $percent } % de son maximum hebdomadaire
replace-why-load-available = chargé à { $percent } % de ses disponibilités de la semaine
replace-why-shifts = { $count ->
    [one] { $count } créneau cette semaine
   *[other] { $count } créneaux cette semaine
}
replace-why-preferred = créneau préféré
replace-why-home = centre principal
replace-excl-dropped = s'est désisté
replace-excl-unavailable = pas disponible sur tout le créneau
replace-excl-qualified = pas qualifié pour cette compétence à cette date
replace-excl-overlap = déjà d'astreinte à ce moment
replace-excl-rest = repos minimal non respecté avec une autre astreinte
replace-excl-minutes = dépasserait son maximum d'heures de la semaine
replace-excl-shifts = dépasserait son maximum de créneaux de la semaine
replace-msg-assigned = Remplaçant affecté : le planning publié est à jour.
replace-msg-already = Ce créneau a déjà été pourvu.
replace-msg-gone = Ce créneau n'est plus à pourvoir (passé, ou planning republié).
replace-msg-not-eligible = Ce bénévole ne peut plus prendre ce créneau (disponibilité, repos ou limites ont changé). Choisissez-en un autre.
replace-msg-offered = { $count ->
    [0] Aucun nouveau bénévole à solliciter.
    [one] Proposé par courriel à { $count } bénévole.
   *[other] Proposé par courriel à { $count } bénévoles.
}
cover-confirm-title = Pouvez-vous remplacer ?
cover-confirm-text = Un bénévole ne peut plus assurer cette astreinte :
cover-confirm-submit = Je prends cette astreinte
cover-confirm-first = Le premier qui confirme la prend ; les autres sont prévenus.
cover-taken-title = Merci, l'astreinte est à vous
cover-taken-text = Elle est inscrite à votre planning et votre coordinateur est prévenu.
cover-already-title = Déjà pourvu
cover-already-text = Quelqu'un a déjà pris cette astreinte. Merci d'avoir répondu !
cover-gone-title = Lien expiré ou déjà utilisé
cover-gone-text = Ce lien n'est plus valable : il a déjà servi, ou l'astreinte a commencé.
cover-not-eligible-title = Vous ne pouvez pas prendre cette astreinte
cover-not-eligible-text = Elle ne respecte plus vos disponibilités, votre repos ou vos limites. Votre coordinateur cherchera quelqu'un d'autre.
mail-dropout-subject = Désistement : { $what }
mail-dropout-text = { $name } ne peut plus assurer l'astreinte du { $what }.
mail-dropout-reason = Raison donnée : « { $reason } »
mail-dropout-link-intro = Remplaçants proposés, à affecter en un clic :
mail-replacements-link = Voir les remplacements
mail-cover-subject = Pouvez-vous remplacer ? { $what }
mail-cover-title = Pouvez-vous remplacer ?
mail-cover-text = Un bénévole ne peut plus assurer cette astreinte. Pouvez-vous remplacer ?
mail-cover-link-intro = Pour la prendre, ouvrez ce lien (valable jusqu'au début de l'astreinte) :
mail-cover-button = Je prends
mail-cover-first = Le premier qui confirme la prend. Si vous ne pouvez pas, ignorez ce message.
mail-cover-pending-subject = Remplacement proposé : { $what }
mail-cover-pending-text = L'astreinte du { $what } a été proposée par courriel ; personne n'a encore accepté. Vous serez prévenu dès qu'un bénévole la prend.
mail-cover-pending-count = { $count ->
    [one] { $count } bénévole sollicité.
   *[other] { $count } bénévoles sollicités.
}
mail-covered-subject = C'est couvert, merci : { $what }
mail-covered-text = L'astreinte du { $what } a trouvé un remplaçant. Merci d'avoir été disponible !
mail-taken-subject = Remplacé par { $name } : { $what }
mail-taken-text = { $name } assure l'astreinte du { $what }. Le planning publié est à jour.
mail-assigned-subject = Vous assurez l'astreinte du { $what }
mail-assigned-text = Vous remplacez un bénévole sur l'astreinte du { $what }. Elle est inscrite à votre planning. Merci !
## Revue, ajustement et publication d'un planning
rota-title = Planning de la semaine
rota-week = Semaine
rota-version = version
rota-revision = révision
rota-scope-all = tous les centres
rota-status-draft = Brouillon
rota-status-published = Publié
rota-status-superseded = Remplacé
rota-build-error = Le scénario de cette semaine ne peut pas être reconstruit (centres de fuseaux différents ?) : la couverture et les raisons ne sont pas affichées.
rota-print = Imprimer
rota-focus-title = Centres
rota-focus-hint = Choisissez un centre pour voir sa couverture heure par heure, la charge des bénévoles et les astreintes (ou « Tous les centres » pour tout afficher).
rota-focus-all = Tous les centres
rota-focus-uncovered = non couvert :
rota-print-title = Planning imprimable
rota-back = Retour au planning
rota-csv = Exporter en CSV (Excel)
rota-publish = Publier ce planning
rota-copy = Modifier
rota-copy-hint = Crée un nouveau brouillon à partir de cette version.
rota-versions = Versions de cette semaine
rota-report = Rapport du solveur
rota-coverage = Couverture
rota-legend = Légende de la couverture
rota-legend-full = couvert (bordure pleine)
rota-legend-partial = couvert en partie (hachures)
rota-legend-empty = personne (hachures serrées, bordure épaisse)
rota-legend-none = rien de demandé
rota-hour = Heure
rota-cell-label = { $day } à { $hour } h : { $covered } sur { $required }
rota-uncovered = Créneaux non couverts et pourquoi
rota-uncovered-none = Tout ce qui est demandé est couvert.
rota-uncovered-total = { $count ->
    [one] { $count } minute non couverte au total.
   *[other] { $count } minutes non couvertes au total.
}
rota-load = Charge par bénévole
rota-load-none = Aucun bénévole d'astreinte.
rota-load-caption = Heures d'astreinte de la semaine et limites de chacun
rota-col-volunteer = Bénévole
rota-col-hours = Heures
rota-col-limit = Limite hebdomadaire
rota-col-share = Part de la limite
rota-col-shifts = Créneaux
rota-over-limit = au-delà de sa limite
rota-trainees = Stagiaires et tuteurs
rota-trainees-none = Aucun stagiaire d'astreinte cette semaine.
rota-trainees-caption = Chaque stagiaire et les écoutants présents avec lui
rota-col-trainee = Stagiaire
rota-col-when = Quand
rota-col-centre = Centre
rota-col-skill = Compétence
rota-col-mentors = Tuteurs présents
rota-no-mentor = aucun
rota-alone = seul sur une partie du créneau
rota-shifts = Créneaux par jour
rota-shifts-none = Aucun créneau.
rota-col-times = Horaires (heure locale)
rota-col-role = Rôle
rota-col-actions = Actions
rota-next-day = (fin le lendemain)
rota-role-staff = Écoutant
rota-role-trainee = Stagiaire
rota-locked = verrouillé
rota-lock = Verrouiller
rota-unlock = Déverrouiller
rota-remove = Retirer
rota-move = Déplacer
rota-move-submit = Enregistrer le déplacement
rota-add-title = Ajouter une astreinte
rota-add-submit = Ajouter
rota-field-volunteer = Bénévole (identifiant)
rota-field-date = Date
rota-field-start = Début (heure locale)
rota-field-end = Fin (heure locale)
rota-hint-volunteer = Tapez un nom ou un identifiant et choisissez dans la liste.
rota-hint-end = Une fin avant le début finit le lendemain.
rota-done-change = Modification enregistrée.
rota-done-publish = Planning publié.
rota-done-copy = Nouveau brouillon créé : vos modifications ne touchent pas la version publiée tant que vous ne publiez pas.
rota-conflict = Ce planning a été modifié par quelqu'un d'autre pendant que vous le consultiez. Rien n'a été enregistré : la page montre maintenant la version à jour, refaites votre modification si elle est toujours utile.
rota-not-draft = Ce planning n'est plus un brouillon (il a été publié ou remplacé). Rien n'a été enregistré. Cliquez sur « Modifier » pour créer un nouveau brouillon.
rota-refuse-date = Date : saisissez une date au format AAAA-MM-JJ.
rota-refuse-time = Heure : saisissez une heure au format HH:MM.
rota-refuse-order = Durée de créneau : la fin doit être après le début.
rota-refuse-grid = Durée de créneau : le début et la fin doivent tomber sur la grille de { $slot } minutes.
rota-refuse-week = Le créneau doit se trouver dans la semaine de ce planning.
rota-refuse-template = Ce centre travaille par sessions fixes : le créneau doit correspondre exactement à l'une d'elles.
rota-refuse-length = Durée de créneau : un créneau dure de { $min } h à { $max } h.
rota-refuse-unavailable = Indisponible : { $name } n'est pas disponible sur tout ce créneau.
rota-refuse-not-member = Centre : ce bénévole n'est pas rattaché à ce centre (ou n'est pas actif).
rota-refuse-expired = Qualification non valide à cette date : la qualification « { $skill } » de { $name } a expiré le { $date }.
rota-refuse-unqualified = Qualification manquante : { $name } n'a pas la qualification « { $skill } ».
rota-refuse-not-trainee = Stagiaire : { $name } n'est pas en formation pour « { $skill } ».
rota-refuse-overlap = Chevauchement : { $name } a déjà une astreinte à ce moment-là.
rota-refuse-rest = Repos minimal : { $name } doit avoir au moins { $rest } h de repos entre deux astreintes.
rota-refuse-weekly-hours = Limite hebdomadaire : { $name } aurait { $total } h d'astreinte pour une limite de { $max } h.
rota-refuse-weekly-shifts = Limite hebdomadaire : { $name } dépasserait son maximum de { $max } créneaux par semaine.
rota-refuse-mentor = Tuteur manquant : un stagiaire « { $skill } » doit toujours être accompagné d'un écoutant qualifié.
rota-refuse-locked = Créneau verrouillé : déverrouillez-le avant de le retirer ou de le déplacer.
rota-refuse-other = Cette modification enfreint une règle du planning.
rota-refuse-shift = Créneau introuvable dans ce planning : rechargez la page.
rota-refuse-volunteer = Bénévole : identifiant inconnu. Choisissez un bénévole dans la liste.
rota-refuse-centre = Centre : choisissez un centre de ce planning.
rota-refuse-skill = Compétence : choisissez une compétence de la liste.
## Formation
training-sessions-title = Formations
training-sessions-caption = Sessions de formation
training-sessions-none = Aucune session de formation.
training-sessions-fill = Sessions et taux de remplissage
training-new-title = Nouvelle session de formation
training-edit-title = Modifier la session
training-back-list = Retour aux formations
training-back-mine = Retour à ma formation
training-back-session = Retour à la session
training-create = Créer la session
training-save = Enregistrer
training-delete = Supprimer la session
training-field-skill = Compétence
training-field-centre = Centre organisateur
training-field-remote = À distance (en ligne)
training-field-date = Date
training-field-start = Heure de début (HH:MM, heure du centre)
training-field-end = Heure de fin (HH:MM, heure du centre)
training-field-trainer = Formateur ou formatrice
training-field-capacity = Nombre de places
training-field-grants = Ce que la session apporte
training-field-place = Lieu
training-field-horizon = Horizon (qualifications expirant jusqu'au)
training-field-mentored-hours = Heures de permanence accompagnée (vide : aucune)
training-grants-renew = Renouvelle la qualification
training-grants-grant = Formation initiale (accorde la qualification)
training-place-remote = À distance
training-col-seats = Places
training-col-status = État
training-col-reason = Raison
training-col-fill = Remplissage
training-col-mentored = Heures accompagnées
training-col-next = Étape suivante
training-col-action = Action
training-col-requires = Prérequis
training-col-path = Parcours du stagiaire au qualifié
training-seats-title = Places attribuées
training-status-invited = invité·e, sans réponse
training-status-accepted = accepté
training-status-declined = refusé
training-error-skill = Compétence : choisissez une compétence de la liste.
training-error-centre = Centre organisateur : choisissez un de vos centres.
training-error-date = Date : saisissez une date au format AAAA-MM-JJ.
training-error-start = Heure de début : saisissez une heure au format HH:MM.
training-error-end = Heure de fin : saisissez une heure au format HH:MM.
training-error-end-order = Heure de fin : elle doit être après l'heure de début.
training-error-trainer = Formateur : saisissez un nom (120 caractères au plus).
training-error-capacity = Nombre de places : saisissez un nombre entier de 1 à 500.
training-error-grants = Ce que la session apporte : choisissez renouvellement ou formation initiale.
training-error-mentored-hours = Heures de permanence accompagnée : saisissez un nombre entier de 1 à 500, ou laissez vide.
training-plan-title = Planifier les formations
training-plan-help = Propose qui va à quelle session : les bénévoles dont la qualification expire avant l'horizon ou qui doivent suivre la formation initiale, selon leurs disponibilités, leur centre et les places. Vous relisez la proposition avant de confirmer.
training-plan-submit = Planifier les formations
training-plan-summary = { $met } besoin(s) satisfait(s) sur { $needs }.
training-plan-seconds = Calcul : { $s } s.
training-plan-no-seat = Aucune place proposée dans cette session.
training-plan-late = après l'expiration
training-plan-confirm = Confirmer et envoyer les invitations
training-plan-unmet = Besoins sans place
training-plan-confirmed = { $count ->
    [0] Aucune invitation envoyée.
    [one] { $count } invitation envoyée.
   *[other] { $count } invitations envoyées.
}
training-invitations-title = Mes invitations à des formations
training-invitations-none = Aucune invitation pour l'instant.
training-accept = Accepter
training-decline = Refuser
training-mail-subject = Invitation à une formation : { $skill }
training-mail-intro = Une place vous est proposée à la formation « { $skill } », le { $when } ({ $place }).
training-mail-answer = Merci d'accepter ou de refuser depuis votre page « Ma formation » :
training-attendance-title = Présences
training-attendance-legend = Cochez les bénévoles présents
training-attendance-none = Personne n'est inscrit à cette session.
training-attendance-recorded = enregistré le
training-attendance-saved = Présences enregistrées ; les qualifications sont à jour.
training-dashboard-title = Formation
training-expiring-quarter = Qualifications qui expirent ce trimestre
training-quarter = Jusqu'au { $date } (fin du trimestre), qualifications déjà expirées comprises.
training-qual-no_expiry = sans expiration
training-qual-valid = valable
training-qual-expiring = expire bientôt
training-qual-expired = expirée
training-trainees-progress = Progression des stagiaires
training-step-course = Formation initiale
training-step-mentored = Permanences accompagnées
training-step-signoff = Validation par le coordinateur
training-step-done = Parcours terminé
training-step-mentored-hours = { $count ->
    [one] { $count } heure de permanence accompagnée
   *[other] { $count } heures de permanence accompagnée
}
training-signoff = Valider la qualification
training-signed = Qualification validée.
training-csv-kind = Type
training-csv-kind-qualification = Qualification
training-csv-kind-trainee = Stagiaire
training-csv-until = Valable jusqu'au
training-csv-done = Minutes accompagnées
training-csv-target = Objectif (minutes)
training-catalogue-title = Catalogue des formations
training-catalogue-help = Pour chaque compétence : sa validité, ses prérequis et le parcours du stagiaire au qualifié (formation initiale, heures de permanence accompagnée, validation par le coordinateur).
training-path-none = Formation initiale seule
## Mes astreintes
nav-my-shifts = Mes astreintes
my-shifts-title = Mes astreintes
my-shifts-intro = Vos astreintes des plannings publiés, à l'heure locale du centre, avec les personnes de permanence en même temps que vous.
my-shifts-upcoming = À venir
my-shifts-none = Aucune astreinte publiée à venir.
my-shifts-col-time = Horaire (heure du centre)
my-shifts-col-centre = Centre
my-shifts-col-skill = Compétence
my-shifts-col-role = Rôle
my-shifts-col-binome = En binôme avec
my-shifts-next-day = le lendemain
my-shifts-role-staff = Écoutant·e
my-shifts-role-trainee = En formation (accompagné·e)
my-shifts-binome-none = Personne d'autre sur ce créneau
my-shifts-binome-line = Binôme : { $names }
my-shifts-ical-role = Rôle : { $role }
my-shifts-ical-summary = Astreinte { $skill } — { $centre }
my-shifts-ical-summary-trainee = Astreinte { $skill } (en formation) — { $centre }
my-shifts-calendar-name = Mes astreintes
my-shifts-past = { $count ->
    [one] { $count } astreinte des dernières semaines
   *[other] { $count } astreintes des dernières semaines
}
my-shifts-calendar-title = Calendrier et impression
my-shifts-download = Télécharger mes astreintes (fichier .ics)
my-shifts-print-hint = Pour imprimer, utilisez la fonction d'impression du navigateur : la page s'imprime sans le menu.
my-shifts-feed-title = Abonnement à mon calendrier
my-shifts-feed-intro = Une adresse secrète permet à votre agenda (téléphone, Thunderbird, Google Agenda…) de suivre vos astreintes publiées. Toute personne qui la connaît voit vos astreintes : ne la partagez pas.
my-shifts-feed-none = Aucun abonnement actif.
my-shifts-feed-create = Créer mon adresse d'abonnement
my-shifts-feed-rotate = Remplacer l'adresse (l'ancienne cesse de fonctionner)
my-shifts-feed-revoke = Supprimer l'adresse d'abonnement
my-shifts-feed-active = Abonnement actif depuis le { $date }.
my-shifts-feed-created = Votre adresse d'abonnement a été créée. Copiez-la dans votre agenda maintenant : elle ne sera plus affichée.
my-shifts-feed-url-label = Adresse d'abonnement
my-shifts-feed-secret = Cette adresse est secrète. Si elle a été divulguée, remplacez-la.
my-shifts-feed-revoked = L'adresse d'abonnement a été supprimée ; elle ne fonctionne plus.
api-tokens-title = Accès de la téléphonie
api-tokens-intro = Jetons de l'API en lecture seule qui indique à la plateforme téléphonique qui est d'astreinte maintenant et ensuite dans ce centre.
api-tokens-doc = Documentation OpenAPI
api-tokens-never = jamais
api-tokens-list-title = Jetons
api-tokens-none = Aucun jeton.
api-tokens-col-label = Nom
api-tokens-col-created = Créé le
api-tokens-col-used = Dernière utilisation
api-tokens-col-phones = Numéros de téléphone
api-tokens-col-status = État
api-tokens-phones-yes = inclus
api-tokens-phones-no = non inclus
api-tokens-revoked-on = révoqué le { $date }
api-tokens-revoke = Révoquer
api-tokens-revoke-named = Révoquer le jeton { $label }
api-tokens-revoked-notice = Le jeton a été révoqué ; il est refusé dès maintenant.
api-tokens-create-title = Créer un jeton
api-tokens-field-label = Nom du jeton (par exemple, la plateforme qui l'utilise)
api-tokens-field-phones = Inclure les numéros de téléphone des bénévoles dans les réponses
api-tokens-create = Créer le jeton
api-tokens-created = Jeton créé. Copiez-le maintenant : il ne sera plus affiché.
api-tokens-token-label = Jeton
api-tokens-shown-once = Seule une empreinte du jeton est conservée ; en cas de perte, créez-en un autre et révoquez celui-ci.
api-tokens-label-required = Nom du jeton : ce champ est obligatoire.
api-tokens-label-too-long = Nom du jeton : { $max } caractères au plus.
coord-nav-api = Accès de la téléphonie
my-shifts-not-volunteer = Ce compte n'a pas de fiche bénévole : il n'a pas d'astreintes.
## Génération du planning
nav-planning = Planning
gen-title-centre = Planning — { $code } { $name }
gen-title-all = Planning — tous les centres
gen-scope-all = tous les centres
gen-other-centres = Vos autres centres
gen-week-label = Semaine
gen-week-hint = au format AAAA-Wnn, par exemple 2026-W50
gen-week-show = Afficher
gen-week-prev = ← Semaine précédente
gen-week-next = Semaine suivante →
gen-week-text = Semaine { $week } : du { $from } au { $to }
gen-error-week = Semaine : « { $value } » n'est pas une semaine valide (attendu AAAA-Wnn, par exemple 2026-W50).
gen-generate = Générer le planning
gen-generate-help = Le solveur calcule une nouvelle version brouillon de la semaine. Les affectations publiées et verrouillées sont conservées ; les versions précédentes restent disponibles.
gen-running-link = Une génération de cette semaine est en cours : suivre sa progression.
gen-versions-title = Versions de la semaine
gen-versions-caption = Versions du planning de la semaine, de la plus récente à la plus ancienne
gen-no-versions = Aucune version pour cette semaine.
gen-col-version = Version
gen-col-status = État
gen-col-created = Créée le
gen-col-uncovered = Minutes non couvertes
gen-col-changed = Affectations modifiées
gen-col-open = Ouvrir
gen-open-version = Ouvrir la version { $version }
gen-status-draft = brouillon
gen-status-published = publiée
gen-status-superseded = remplacée
gen-job-title = Génération du planning — semaine { $week }, { $scope }
gen-job-title-regenerate = Re-génération du planning — semaine { $week }, { $scope }
gen-job-status = État
gen-job-status-queued = en attente
gen-job-status-running = en cours
gen-job-status-done = terminée
gen-job-status-failed = échouée
gen-job-status-cancelled = annulée
gen-already-running = Une génération de cette semaine était déjà en cours : voici sa progression.
gen-progress-label = Progression
gen-progress-queued = En attente d'un emplacement de calcul…
gen-progress-building = Préparation du problème à partir de la base…
gen-progress-storing = Enregistrement du brouillon…
gen-progress-components = { $done } / { $total } composantes résolues
gen-progress-score = meilleur actuel : { $uncovered } min non couvertes, borne { $bound }, écart { $gap } %
gen-progress-hint = Vous pouvez fermer ou recharger cette page : le calcul continue sur le serveur.
gen-done = Brouillon version { $version } enregistré.
gen-uncovered = { $count ->
    [0] Tout est couvert.
    [one] { $count } minute non couverte.
   *[other] { $count } minutes non couvertes.
}
gen-changed = { $count ->
    [0] Aucune affectation modifiée par rapport au brouillon de départ.
    [one] { $count } affectation modifiée par rapport au brouillon de départ.
   *[other] { $count } affectations modifiées par rapport au brouillon de départ.
}
gen-published = Cette version a été publiée.
gen-see-draft = Voir le brouillon
gen-failed = La génération a échoué :
gen-back = Retour au planning de la semaine
gen-regenerate = Re-générer
## Courriels
mail-prefs-title = Mes courriels
mail-prefs-saved = Vos préférences de courriel sont enregistrées.
mail-prefs-reminders = Rappels avant mes astreintes
mail-prefs-reminders-hint = Cochez quand recevoir un rappel (avec le créneau à ajouter à votre agenda). Aucune case cochée : aucun rappel.
mail-prefs-hours-before = { $count ->
    [one] { $count } heure avant
   *[other] { $count } heures avant
}
mail-prefs-days-before = { $count ->
    [one] { $count } jour avant
   *[other] { $count } jours avant
}
mail-prefs-other = Autres courriels
mail-prefs-non-essential = Recevoir les demandes de disponibilités et les avis d'expiration de qualification
mail-prefs-non-essential-hint = Les rappels d'astreinte, votre planning de la semaine et ses changements vous sont toujours envoyés.
mail-prefs-save = Enregistrer
unsub-title = Se désabonner
unsub-intro = Ne plus envoyer à { $address } les demandes de disponibilités ni les avis d'expiration de qualification ?
unsub-done = C'est fait : { $address } ne recevra plus les demandes de disponibilités ni les avis d'expiration de qualification.
unsub-essential = Les rappels d'astreinte et votre planning de la semaine continuent de vous être envoyés. Vous pouvez tout régler sur la page « Mes courriels » une fois connecté(e).
unsub-confirm = Me désabonner
outbox-title = Courriels
outbox-intro = Les courriels en attente, envoyés et en échec (les 200 plus récents). Le contenu des messages n'est pas affiché et les adresses sont en partie masquées.
outbox-filter = Filtrer par état
outbox-all = Tous
outbox-empty = Aucun courriel dans cet état.
outbox-caption = Courriels, du plus récent au plus ancien
outbox-col-id = N°
outbox-col-status = État
outbox-col-kind = Type
outbox-col-to = Destinataire
outbox-col-subject = Objet
outbox-col-attempts = Essais
outbox-col-created = Créé
outbox-col-when = Envoyé / prochain essai
outbox-col-reason = Raison de l'échec
outbox-col-action = Action
outbox-resend = Renvoyer
outbox-requeued = Le courriel est remis dans la file d'envoi.
outbox-status-pending = en attente
outbox-status-sending = en cours d'envoi
outbox-status-sent = envoyé
outbox-status-failed = en échec
admin-settings-mail = Courriels
admin-field-deadline-days = Disponibilités à donner au plus tard (jours avant le lundi de la semaine)
admin-field-request-days = Demande de disponibilités envoyée (jours avant cette date limite)
admin-field-notice-days = Avis d'expiration de qualification (jours avant l'expiration)

## Drop-out column on « Mes astreintes ».
my-shifts-col-dropout = Désistement
