"""The browser pages' sentences in French, keyed by their English text (``messages.py``).

The pages are served in the profile's language (the login service knows it); a sentence
missing here stays in English, and ``tests/unit/test_translation_guard.py`` fails on it.
Typography follows the app's French catalogue: no-break spaces before ``:`` and inside « ».
"""

from __future__ import annotations

FRENCH: dict[str, str] = {
    # shared sentences
    "Deriv Desktop could not finish signing you in. Go back to the app to retry.": (
        "Deriv Desktop n’a pas pu terminer votre connexion. Revenez dans l’application pour "
        "réessayer."
    ),
    "Deriv's answer contained an unreadable value, so it was not used.": (
        "La réponse de Deriv contenait une valeur illisible, elle n’a donc pas été utilisée."
    ),
    "Never paste this page's address anywhere but Deriv Desktop, whoever asks: it can sign "
    "someone else in to your account.": (
        "Ne collez jamais l’adresse de cette page ailleurs que dans Deriv Desktop, quel que soit "
        "le demandeur\u00a0: elle peut connecter quelqu’un d’autre à votre compte."
    ),
    "You can close this tab.": "Vous pouvez fermer cet onglet.",
    # pages
    "Already signed in": "Déjà connecté",
    "This sign-in is already complete": "Cette connexion est déjà terminée",
    "This address was already used once, so it was not used again.": (
        "Cette adresse a déjà servi une fois, elle n’a donc pas été réutilisée."
    ),
    "Bad request": "Requête incorrecte",
    "Deriv Desktop could not read this request.": "Deriv Desktop n’a pas pu lire cette requête.",
    "Sign-in cancelled": "Connexion annulée",
    "Sign-in was cancelled": "La connexion a été annulée",
    "The sign-in was cancelled in Deriv Desktop before it finished.": (
        "La connexion a été annulée dans Deriv Desktop avant la fin."
    ),
    "Sign-in ended": "Connexion terminée",
    "This sign-in has ended": "Cette connexion est terminée",
    "It was cancelled or timed out.": "Elle a été annulée ou a expiré.",
    "Start again from Deriv Desktop if you still want to sign in.": (
        "Recommencez depuis Deriv Desktop si vous voulez toujours vous connecter."
    ),
    "Sign-in did not finish": "Connexion inachevée",
    "Sign-in didn't finish": "La connexion n’a pas abouti",
    "You can close this tab. Deriv Desktop shows what to do next.": (
        "Vous pouvez fermer cet onglet. Deriv Desktop indique la marche à suivre."
    ),
    "Sign-in answer not usable": "Réponse de connexion inutilisable",
    "Deriv's answer could not be used": "La réponse de Deriv n’a pas pu être utilisée",
    "Go back to Deriv Desktop to start again, or sign in with an API token.": (
        "Revenez dans Deriv Desktop pour recommencer, ou connectez-vous avec un jeton d’API."
    ),
    "Not allowed": "Non autorisé",
    "This address only answers page loads from the browser.": (
        "Cette adresse ne répond qu’aux chargements de page du navigateur."
    ),
    "Not found": "Introuvable",
    "Nothing here": "Rien ici",
    "This address is only used while signing in to Deriv Desktop.": (
        "Cette adresse ne sert que pendant la connexion à Deriv Desktop."
    ),
    "Almost there": "Presque terminé",
    "Deriv Desktop is still checking your sign-in. The app window will show the result.": (
        "Deriv Desktop vérifie encore votre connexion. La fenêtre de l’application affichera "
        "le résultat."
    ),
    "Not signed in": "Non connecté",
    "You're not signed in": "Vous n’êtes pas connecté",
    "Deriv stopped the sign-in without saying why. Try again, or sign in with an API token.": (
        "Deriv a interrompu la connexion sans dire pourquoi. Réessayez, ou connectez-vous avec "
        "un jeton d’API."
    ),
    "You can close this tab. Deriv Desktop lets you try again.": (
        "Vous pouvez fermer cet onglet. Deriv Desktop vous permet de réessayer."
    ),
    "Sign-in link not used": "Lien de connexion non utilisé",
    "This sign-in address can't be used": "Cette adresse de connexion est inutilisable",
    "It does not match the sign-in Deriv Desktop is waiting for. It may come from an older tab.": (
        "Elle ne correspond pas à la connexion qu’attend Deriv Desktop. Elle vient peut-être "
        "d’un onglet plus ancien."
    ),
    "Use the newest sign-in tab, or start again from Deriv Desktop.": (
        "Utilisez l’onglet de connexion le plus récent, ou recommencez depuis Deriv Desktop."
    ),
    "Signed in": "Connecté",
    "You're signed in": "Vous êtes connecté",
    "Deriv Desktop has your accounts.": "Deriv Desktop a reçu vos comptes.",
    "You can close this tab and go back to the app.": (
        "Vous pouvez fermer cet onglet et revenir dans l’application."
    ),
    "Request timed out": "Délai de requête dépassé",
    "The request took too long to arrive.": "La requête a mis trop de temps à arriver.",
    "Request too large": "Requête trop volumineuse",
    "Deriv Desktop only accepts small requests here.": (
        "Deriv Desktop n’accepte ici que de petites requêtes."
    ),
    "Signing in": "Connexion",
    "Finishing sign-in…": "Fin de la connexion…",
    "Deriv Desktop is waiting for Deriv's answer.": "Deriv Desktop attend la réponse de Deriv.",
    "If this page does not change, go back to Deriv Desktop: you can start again or paste "
    "this page's address there.": (
        "Si cette page ne change pas, revenez dans Deriv Desktop\u00a0: vous pouvez y "
        "recommencer ou y coller l’adresse de cette page."
    ),
    # why an answer was refused or not used
    "Deriv did not allow this sign-in, so you are not signed in.": (
        "Deriv n’a pas autorisé cette connexion, vous n’êtes donc pas connecté."
    ),
    "Your Deriv account was not reactivated, so you are not signed in.": (
        "Votre compte Deriv n’a pas été réactivé, vous n’êtes donc pas connecté."
    ),
    "You chose not to give Deriv Desktop access on Deriv's page, so you are not signed in.": (
        "Vous avez choisi de ne pas donner accès à Deriv Desktop sur la page de Deriv, vous "
        "n’êtes donc pas connecté."
    ),
    "This address does not belong to the current sign-in. Use the newest sign-in tab, or "
    "start again.": (
        "Cette adresse n’appartient pas à la connexion en cours. Utilisez l’onglet de connexion "
        "le plus récent, ou recommencez."
    ),
    "This address belongs to an older or different sign-in. Use the newest sign-in tab, or "
    "start again.": (
        "Cette adresse appartient à une connexion plus ancienne ou différente. Utilisez "
        "l’onglet de connexion le plus récent, ou recommencez."
    ),
    "This address could not be read. Copy the whole address from the browser's address bar "
    "and try again.": (
        "Cette adresse est illisible. Copiez l’adresse entière depuis la barre d’adresse du "
        "navigateur et réessayez."
    ),
    "This sign-in is already complete.": "Cette connexion est déjà terminée.",
    "This sign-in timed out. Start again from Deriv Desktop.": (
        "Cette connexion a expiré. Recommencez depuis Deriv Desktop."
    ),
    "This sign-in was cancelled. Start again from Deriv Desktop.": (
        "Cette connexion a été annulée. Recommencez depuis Deriv Desktop."
    ),
    "This is not a Deriv Desktop sign-in address.": (
        "Ce n’est pas une adresse de connexion Deriv Desktop."
    ),
    "Deriv's answer repeated a field, so it was not used.": (
        "La réponse de Deriv répétait un champ, elle n’a donc pas été utilisée."
    ),
    "Deriv's answer did not include any account, so nobody was signed in.": (
        "La réponse de Deriv ne contenait aucun compte, personne n’a donc été connecté."
    ),
    "Deriv's answer listed more accounts than Deriv Desktop accepts.": (
        "La réponse de Deriv listait plus de comptes que Deriv Desktop n’en accepte."
    ),
    "Deriv's answer skipped an account number, so it was not used.": (
        "La réponse de Deriv sautait un numéro de compte, elle n’a donc pas été utilisée."
    ),
    "Deriv's answer contained an account id in an unexpected form.": (
        "La réponse de Deriv contenait un identifiant de compte sous une forme inattendue."
    ),
    "Deriv's answer contained a token in an unexpected form.": (
        "La réponse de Deriv contenait un jeton sous une forme inattendue."
    ),
    "Deriv's answer contained a currency in an unexpected form.": (
        "La réponse de Deriv contenait une devise sous une forme inattendue."
    ),
    "Deriv's answer had an account without its token, so it was not used.": (
        "La réponse de Deriv contenait un compte sans son jeton, elle n’a donc pas été utilisée."
    ),
    "Deriv's answer listed the same account twice, so it was not used.": (
        "La réponse de Deriv listait deux fois le même compte, elle n’a donc pas été utilisée."
    ),
    "Deriv's answer did not include a sign-in code, so nobody was signed in.": (
        "La réponse de Deriv ne contenait pas de code de connexion, personne n’a donc été connecté."
    ),
    "Deriv's answer contained a sign-in code in an unexpected form.": (
        "La réponse de Deriv contenait un code de connexion sous une forme inattendue."
    ),
    "The answer names another sign-in server than Deriv's, so it was not used.": (
        "La réponse désigne un autre serveur de connexion que celui de Deriv, elle n’a donc pas "
        "été utilisée."
    ),
}
