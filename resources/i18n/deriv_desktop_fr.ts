<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About Deriv Desktop</source>
            <translation>À propos de Deriv Desktop</translation>
        </message>
        <message>
            <source>App ID</source>
            <translation>ID d’application</translation>
        </message>
        <message>
            <source>Deriv Desktop</source>
            <translation>Deriv Desktop</translation>
        </message>
        <message>
            <source>Every Deriv account in one calm window, with live balances, API tokens and connected apps.</source>
            <translation>Tous vos comptes Deriv réunis dans une fenêtre sereine, avec les soldes en direct, les jetons d’API et les applications connectées.</translation>
        </message>
        <message>
            <source>Qt</source>
            <translation>Qt</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Serveur</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>development build</source>
            <translation>version de développement</translation>
        </message>
    </context>
    <context>
        <name>AccountDelegate</name>
        <message>
            <source>Add virtual funds to this demo account</source>
            <translation>Ajouter des fonds virtuels à ce compte démo</translation>
        </message>
        <message>
            <source>Top up</source>
            <translation>Recharger</translation>
        </message>
        <message>
            <source>stale</source>
            <translation>non confirmé</translation>
        </message>
    </context>
    <context>
        <name>AccountHeader</name>
        <message>
            <source>Add virtual funds to the demo account</source>
            <translation>Ajouter des fonds virtuels au compte démo</translation>
        </message>
        <message>
            <source>No account selected</source>
            <translation>Aucun compte sélectionné</translation>
        </message>
        <message>
            <source>Signed in as %1</source>
            <translation>Connecté en tant que %1</translation>
        </message>
        <message>
            <source>Top up &amp;demo</source>
            <translation>Recharger la &amp;démo</translation>
        </message>
        <message>
            <source>stale</source>
            <translation>non confirmé</translation>
        </message>
        <message>
            <source>waiting for the balance…</source>
            <translation>en attente du solde…</translation>
        </message>
    </context>
    <context>
        <name>AccountPicker</name>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Demo</source>
            <translation>Démo</translation>
        </message>
        <message>
            <source>No currency assigned</source>
            <translation>Aucune devise attribuée</translation>
        </message>
    </context>
    <context>
        <name>AccountToolDialog</name>
        <message>
            <source>&amp;Filter:</source>
            <translation>&amp;Filtrer :</translation>
        </message>
        <message>
            <source>Acc&amp;ount:</source>
            <extracomment>In task names and the suggested file name (``deriv-&lt;SLUG&gt;-&lt;loginid&gt;.csv``). Where Deriv's own page for these records is, for backends without the calls.</extracomment>
            <translation>&amp;Compte :</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>Fichiers CSV (*.csv)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Deriv Desktop is not connected to Deriv right now. The list loads by itself as soon as the connection is back.</source>
            <translation>Deriv Desktop n’est pas connecté à Deriv pour le moment. La liste se chargera d’elle-même dès le retour de la connexion.</translation>
        </message>
        <message>
            <source>Deriv refused this name: %1</source>
            <translation>Deriv a refusé ce nom : %1</translation>
        </message>
        <message>
            <source>E&amp;xport CSV…</source>
            <translation>E&amp;xporter en CSV…</translation>
        </message>
        <message>
            <source>Fetch the list again (F5)</source>
            <translation>Recharger la liste (F5)</translation>
        </message>
        <message>
            <source>Managed on Deriv's website</source>
            <translation>À gérer sur le site de Deriv</translation>
        </message>
        <message>
            <source>No account to manage</source>
            <translation>Aucun compte à gérer</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Hors ligne</translation>
        </message>
        <message>
            <source>Open Deriv's dashboard</source>
            <translation>Ouvrir le tableau de bord de Deriv</translation>
        </message>
        <message>
            <source>Re&amp;load</source>
            <translation>Actualis&amp;er</translation>
        </message>
        <message>
            <source>The browser could not be opened. The address is %1</source>
            <translation>Le navigateur n’a pas pu être ouvert. L’adresse est %1</translation>
        </message>
        <message>
            <source>The file could not be saved: %1</source>
            <translation>Impossible d’enregistrer le fichier : %1</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Réessayer</translation>
        </message>
    </context>
    <context>
        <name>AccountsModel</name>
        <message>
            <source>Accounts</source>
            <extracomment>Emitted after a coalesced balance refresh with the login ids that changed.</extracomment>
            <translation>Comptes</translation>
        </message>
        <message>
            <source>Balance not received yet.</source>
            <translation>Solde pas encore reçu.</translation>
        </message>
        <message>
            <source>Balance: %1</source>
            <translation>Solde : %1</translation>
        </message>
        <message>
            <source>Demo</source>
            <translation>Démo</translation>
        </message>
        <message>
            <source>Demo account</source>
            <extracomment>What a balance refresh changes; none of it can change a row's height or children.</extracomment>
            <translation>Compte démo</translation>
        </message>
        <message>
            <source>Deriv has disabled this account; it cannot be used.</source>
            <translation>Deriv a désactivé ce compte ; il ne peut pas être utilisé.</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>Désactivé</translation>
        </message>
        <message>
            <source>Last updated %1 (%2)</source>
            <translation>Dernière mise à jour à %1 (%2)</translation>
        </message>
        <message>
            <source>No access</source>
            <translation>Sans accès</translation>
        </message>
        <message>
            <source>No currency assigned</source>
            <translation>Aucune devise attribuée</translation>
        </message>
        <message>
            <source>Real accounts · EU</source>
            <translation>Comptes réels · UE</translation>
        </message>
        <message>
            <source>Real accounts · Non-EU</source>
            <translation>Comptes réels · Hors UE</translation>
        </message>
        <message>
            <source>Self-excluded until %1</source>
            <translation>Auto-exclu jusqu’au %1</translation>
        </message>
        <message>
            <source>Stale: this figure has not been confirmed since the connection to Deriv was lost, so it may be out of date.</source>
            <translation>Non confirmé : ce montant n’a pas été confirmé depuis la perte de la connexion à Deriv ; il n’est peut-être plus à jour.</translation>
        </message>
        <message>
            <source>This is the active account.</source>
            <translation>C’est le compte actif.</translation>
        </message>
        <message>
            <source>This sign-in did not grant access to this account, so the app cannot switch to it. Sign in again and allow every account to use it here.</source>
            <translation>Cette connexion ne donne pas accès à ce compte : l’application ne peut donc pas basculer dessus. Reconnectez-vous en autorisant tous les comptes pour pouvoir l’utiliser ici.</translation>
        </message>
        <message>
            <source>You chose to exclude yourself from trading on this account until %1.</source>
            <translation>Vous avez choisi de vous exclure du trading sur ce compte jusqu’au %1.</translation>
        </message>
        <message>
            <source>≈ %1</source>
            <translation>≈ %1</translation>
        </message>
    </context>
    <context>
        <name>AccountsView</name>
        <message>
            <source>Accounts</source>
            <translation>Comptes</translation>
        </message>
    </context>
    <context>
        <name>ApiTokenPanel</name>
        <message>
            <source>&amp;Continue without token %1</source>
            <translation>&amp;Continuer sans le jeton %1</translation>
        </message>
        <message>
            <source>&amp;Hide token</source>
            <translation>&amp;Masquer le jeton</translation>
        </message>
        <message>
            <source>&amp;Hide tokens</source>
            <translation>&amp;Masquer les jetons</translation>
        </message>
        <message>
            <source>API tokens</source>
            <translation>Jetons d’API</translation>
        </message>
        <message>
            <source>API tokens (hidden)</source>
            <translation>Jetons d’API (masqués)</translation>
        </message>
        <message>
            <source>One token per line</source>
            <translation>Un jeton par ligne</translation>
        </message>
        <message>
            <source>Paste one or more API tokens from Deriv's API token page, one per line (or separated by spaces). Each token gives access to its own account.</source>
            <translation>Collez un ou plusieurs jetons d’API copiés depuis la page des jetons d’API de Deriv, un par ligne (ou séparés par des espaces). Chaque jeton donne accès à son propre compte.</translation>
        </message>
        <message>
            <source>Paste the personal access token you created on Deriv's dashboard (developers.deriv.com → API tokens, with the trade scope). It opens all your accounts; Deriv recommends it for desktop apps.</source>
            <translation>Collez le jeton d'accès personnel créé dans le tableau de bord de Deriv (developers.deriv.com → API tokens, avec la portée trade). Il ouvre tous vos comptes ; Deriv le recommande pour les applications de bureau.</translation>
        </message>
        <message>
            <source>Personal access token</source>
            <translation>Jeton d'accès personnel</translation>
        </message>
        <message>
            <source>Personal access token (hidden)</source>
            <translation>Jeton d'accès personnel (masqué)</translation>
        </message>
        <message>
            <source>Sign &amp;in with token</source>
            <extracomment>"Continue with the other tokens" after Deriv refused one of several.</extracomment>
            <translation>Se connecter avec le &amp;jeton</translation>
        </message>
        <message>
            <source>Tokens (hidden), separated by spaces</source>
            <translation>Jetons (masqués), séparés par des espaces</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source> (new API)</source>
            <translation> (nouvelle API)</translation>
        </message>
        <message>
            <source>Built-in sandbox (new Deriv API) with test data only. On its sign-in page use %1 with the password %2, or paste the personal access token %3.</source>
            <translation>Bac à sable intégré (nouvelle API Deriv), avec des données de test uniquement. Sur sa page de connexion, utilisez %1 avec le mot de passe %2, ou collez le jeton d'accès personnel %3.</translation>
        </message>
        <message>
            <source>Built-in sandbox with test data only. On its sign-in page use %1 with the password %2.</source>
            <extracomment>How long a launcher has to fail before it counts as started: ``xdg-open`` exits non-zero at once when it finds no browser; a launcher still running then *is* the browser.</extracomment>
            <translation>Bac à sable intégré, avec des données de test uniquement. Sur sa page de connexion, utilisez %1 avec le mot de passe %2.</translation>
        </message>
        <message>
            <source>Closing the window can leave Deriv Desktop running in the tray, with your total and notifications at hand. You can change this later in Preferences.</source>
            <translation>Fermer la fenêtre peut laisser Deriv Desktop ouvert dans la zone de notification, avec votre total et vos notifications à portée de main. Vous pourrez changer ce choix dans les Préférences.</translation>
        </message>
        <message>
            <source>Deriv Desktop</source>
            <translation>Deriv Desktop</translation>
        </message>
        <message>
            <source>Keep Deriv Desktop in the tray?</source>
            <translation>Garder Deriv Desktop dans la zone de notification ?</translation>
        </message>
        <message>
            <source>Keep in the tray</source>
            <translation>Garder dans la zone de notification</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quitter</translation>
        </message>
        <message>
            <source>Something unexpected went wrong (%1). Deriv Desktop keeps running; the details are in the log in %2.</source>
            <translation>Un problème inattendu est survenu (%1). Deriv Desktop continue de fonctionner ; les détails figurent dans le journal, dans %2.</translation>
        </message>
        <message>
            <source>You're already signed in, so the sign-in address handed over by the system was not used.</source>
            <translation>Vous êtes déjà connecté : l’adresse de connexion transmise par le système n’a donc pas été utilisée.</translation>
        </message>
        <message>
            <source>You're signed out.</source>
            <translation>Vous êtes déconnecté.</translation>
        </message>
    </context>
    <context>
        <name>AppsDialog</name>
        <message>
            <source>&amp;Revoke access…</source>
            <translation>&amp;Révoquer l’accès…</translation>
        </message>
        <message>
            <source>1. Connected apps are apps you allowed to use your account, through Deriv's sign-in page or with an API token. They can do only what you allowed.</source>
            <translation>1. Les applications connectées sont celles que vous avez autorisées à utiliser votre compte, via la page de connexion de Deriv ou avec un jeton d’API. Elles ne peuvent faire que ce que vous avez permis.</translation>
        </message>
        <message>
            <source>2. You are responsible for what these apps do on your account.</source>
            <translation>2. Vous êtes responsable de ce que ces applications font sur votre compte.</translation>
        </message>
        <message>
            <source>3. Deriv's own apps are not listed. Tick “Show Deriv's own apps” to see them.</source>
            <translation>3. Les applications de Deriv elles-mêmes ne sont pas listées. Cochez « Afficher les applications de Deriv » pour les voir.</translation>
        </message>
        <message>
            <source>Access for “%1” revoked.</source>
            <translation>Accès de « %1 » révoqué.</translation>
        </message>
        <message>
            <source>Apps listed: %1</source>
            <translation>Applications listées : %1</translation>
        </message>
        <message>
            <source>Apps listed: %1 (%2 of Deriv's own hidden)</source>
            <translation>Applications affichées : %1 (applications de Deriv masquées : %2)</translation>
        </message>
        <message>
            <source>Asking Deriv which apps may use this account.</source>
            <translation>Nous demandons à Deriv quelles applications peuvent utiliser ce compte.</translation>
        </message>
        <message>
            <source>Change the filter to see the other apps.</source>
            <translation>Modifiez le filtre pour voir les autres applications.</translation>
        </message>
        <message>
            <source>Connected apps</source>
            <translation>Applications connectées</translation>
        </message>
        <message>
            <source>Deriv Desktop can list these apps but not revoke them: Deriv requires the Admin scope for that, and this sign-in doesn't hold it. Sign in with an API token that has the Admin scope, or revoke apps on Deriv's website.</source>
            <translation>Deriv Desktop peut lister ces applications mais pas les révoquer : Deriv exige pour cela l’autorisation Admin, que cette connexion n’a pas. Connectez-vous avec un jeton d’API doté de l’autorisation Admin, ou révoquez les applications sur le site de Deriv.</translation>
        </message>
        <message>
            <source>Deriv Desktop holds no sign-in for any account right now.</source>
            <translation>Deriv Desktop n’est actuellement connecté à aucun compte.</translation>
        </message>
        <message>
            <source>Every sign-in made through this app stops working. You can sign in again afterwards and allow it once more.</source>
            <translation>Toutes les connexions passées par cette application cesseront de fonctionner. Vous pourrez ensuite vous reconnecter et l’autoriser de nouveau.</translation>
        </message>
        <message>
            <source>Export connected apps</source>
            <translation>Exporter les applications connectées</translation>
        </message>
        <message>
            <source>It will no longer be able to act on your account; it would have to ask for your permission again.</source>
            <translation>Elle ne pourra plus agir sur votre compte ; il lui faudrait de nouveau vous demander votre autorisation.</translation>
        </message>
        <message>
            <source>Loading connected apps…</source>
            <translation>Chargement des applications connectées…</translation>
        </message>
        <message>
            <source>Name, app ID or permission</source>
            <translation>Nom, ID d’application ou autorisation</translation>
        </message>
        <message>
            <source>No app matches</source>
            <translation>Aucune application ne correspond</translation>
        </message>
        <message>
            <source>No third-party apps are connected to this account</source>
            <translation>Aucune application tierce n’est connectée à ce compte</translation>
        </message>
        <message>
            <source>Open Deriv's connected apps page</source>
            <translation>Ouvrir la page des applications connectées de Deriv</translation>
        </message>
        <message>
            <source>Revoke Deriv Desktop's own access?</source>
            <translation>Révoquer l’accès de Deriv Desktop lui-même ?</translation>
        </message>
        <message>
            <source>Revoke access</source>
            <translation>Révoquer l’accès</translation>
        </message>
        <message>
            <source>Revoke access for “%1”?</source>
            <translation>Révoquer l’accès de « %1 » ?</translation>
        </message>
        <message>
            <source>Revoke access…</source>
            <translation>Révoquer l’accès…</translation>
        </message>
        <message>
            <source>Revoke and sign out</source>
            <translation>Révoquer et se déconnecter</translation>
        </message>
        <message>
            <source>Revoking needs a sign-in with the Admin scope</source>
            <translation>La révocation nécessite une connexion avec l’autorisation Admin</translation>
        </message>
        <message>
            <source>Saved %1 apps to %2</source>
            <translation>%1 applications enregistrées dans %2</translation>
        </message>
        <message>
            <source>Show &amp;Deriv's own apps</source>
            <translation>Afficher les applications de &amp;Deriv</translation>
        </message>
        <message>
            <source>Take away the selected app's access</source>
            <translation>Retirer l’accès de l’application sélectionnée</translation>
        </message>
        <message>
            <source>The connected apps could not be loaded</source>
            <translation>Impossible de charger les applications connectées</translation>
        </message>
        <message>
            <source>This app</source>
            <translation>Cette application</translation>
        </message>
        <message>
            <source>This is one of Deriv's own apps: you will be signed out of it wherever you use it.</source>
            <translation>C’est une application de Deriv : vous en serez déconnecté partout où vous l’utilisez.</translation>
        </message>
        <message>
            <source>“%1” (app ID %2) is the app you are using now. Revoking its access signs you out of Deriv Desktop straight away.</source>
            <translation>« %1 » (ID d’application %2) est l’application que vous utilisez en ce moment. Révoquer son accès vous déconnecte immédiatement de Deriv Desktop.</translation>
        </message>
        <message>
            <source>“%1” still has access: %2</source>
            <translation>« %1 » a toujours accès : %2</translation>
        </message>
    </context>
    <context>
        <name>AppsModel</name>
        <message>
            <source>%1%</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>App ID</source>
            <translation>ID d’application</translation>
        </message>
        <message>
            <source>Last used</source>
            <translation>Dernière utilisation</translation>
        </message>
        <message>
            <source>Markup</source>
            <translation>Majoration</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Aucune</translation>
        </message>
        <message>
            <source>One of Deriv's own apps</source>
            <translation>Une application de Deriv</translation>
        </message>
        <message>
            <source>Permissions</source>
            <translation>Autorisations</translation>
        </message>
        <message>
            <source>This is Deriv Desktop, the app you are using now.</source>
            <translation>C’est Deriv Desktop, l’application que vous utilisez en ce moment.</translation>
        </message>
        <message>
            <source>What the app adds to contract prices for itself</source>
            <translation>Ce que l’application ajoute pour elle-même au prix des contrats</translation>
        </message>
    </context>
    <context>
        <name>Checkup</name>
        <message>
            <source>Account not checked</source>
            <translation>Compte non vérifié</translation>
        </message>
        <message>
            <source>All accounts</source>
            <translation>Tous les comptes</translation>
        </message>
        <message>
            <source>App never used</source>
            <translation>Application jamais utilisée</translation>
        </message>
        <message>
            <source>App that can move money or change your account</source>
            <translation>Application pouvant déplacer de l’argent ou modifier votre compte</translation>
        </message>
        <message>
            <source>App unused for %1 days</source>
            <translation>Application inutilisée depuis %1 jours</translation>
        </message>
        <message>
            <source>Deriv Desktop holds more than it needs</source>
            <translation>Deriv Desktop détient plus que nécessaire</translation>
        </message>
        <message>
            <source>Deriv Desktop signed in with this token: sign in with a safer one first, then delete it.</source>
            <translation>Deriv Desktop s’est connecté avec ce jeton : connectez-vous d’abord avec un jeton plus sûr, puis supprimez-le.</translation>
        </message>
        <message>
            <source>Deriv Desktop's sign-in for %1 also holds %2, which it never uses. It needs only %3: sign in with a token limited to those.</source>
            <translation>La connexion de Deriv Desktop pour %1 détient aussi %2, dont il ne se sert jamais. Il n’a besoin que de %3 : connectez-vous avec un jeton limité à celles-ci.</translation>
        </message>
        <message>
            <source>Deriv Desktop's sign-in for %1 lacks the Admin scope, so Deriv won't list its tokens. Check them on Deriv's API token page, or sign in with a token that has Admin.</source>
            <translation>La connexion de Deriv Desktop pour %1 n’a pas l’autorisation Admin, donc Deriv ne liste pas ses jetons. Vérifiez-les sur la page des jetons API de Deriv, ou connectez-vous avec un jeton qui a Admin.</translation>
        </message>
        <message>
            <source>For %1, Deriv Desktop's sign-in may use: %2.</source>
            <translation>Pour %1, la connexion de Deriv Desktop peut utiliser : %2.</translation>
        </message>
        <message>
            <source>For your information</source>
            <translation>Pour information</translation>
        </message>
        <message>
            <source>High risk</source>
            <translation>Risque élevé</translation>
        </message>
        <message>
            <source>Low risk</source>
            <translation>Risque faible</translation>
        </message>
        <message>
            <source>Medium risk</source>
            <translation>Risque moyen</translation>
        </message>
        <message>
            <source>On Deriv's new API, Deriv Desktop can check only its own sign-in: it holds %1, which showing your accounts needs. Deriv offers no way to list your other personal access tokens or connected apps: review them on Deriv's dashboard.</source>
            <translation>Sur la nouvelle API de Deriv, Deriv Desktop ne peut vérifier que sa propre connexion : elle détient %1, nécessaire pour afficher vos comptes. Deriv ne permet pas de lister vos autres jetons d’accès personnels ni vos applications connectées : vérifiez-les sur le tableau de bord de Deriv.</translation>
        </message>
        <message>
            <source>Outside app that can trade</source>
            <translation>Application externe pouvant trader</translation>
        </message>
        <message>
            <source>Powerful token usable from anywhere</source>
            <translation>Jeton puissant utilisable de partout</translation>
        </message>
        <message>
            <source>The tokens of %1 could not be listed: %2</source>
            <translation>Les jetons de %1 n’ont pas pu être listés : %2</translation>
        </message>
        <message>
            <source>Token never used</source>
            <translation>Jeton jamais utilisé</translation>
        </message>
        <message>
            <source>Token unused for %1 days</source>
            <translation>Jeton inutilisé depuis %1 jours</translation>
        </message>
        <message>
            <source>Tokens and apps are on Deriv's dashboard</source>
            <translation>Jetons et applications sont sur le tableau de bord de Deriv</translation>
        </message>
        <message>
            <source>Tokens with the same name</source>
            <translation>Jetons portant le même nom</translation>
        </message>
        <message>
            <source>Tokens with the same scopes</source>
            <translation>Jetons aux mêmes autorisations</translation>
        </message>
        <message>
            <source>What Deriv Desktop's sign-in may do</source>
            <translation>Ce que la connexion de Deriv Desktop peut faire</translation>
        </message>
        <message>
            <source>“%1” has never been used. If it was made for an app you no longer run, delete it.</source>
            <translation>« %1 » n’a jamais été utilisé. S’il a été créé pour une application que vous n’utilisez plus, supprimez-le.</translation>
        </message>
        <message>
            <source>“%1” has the %2 scope and works from any internet address: whoever gets hold of it can withdraw money or take over the account. Replace it with a token locked to one IP address, or with fewer scopes.</source>
            <translation>« %1 » a l’autorisation %2 et fonctionne depuis n’importe quelle adresse internet : quiconque s’en empare peut retirer de l’argent ou prendre le contrôle du compte. Remplacez-le par un jeton limité à une adresse IP, ou avec moins d’autorisations.</translation>
        </message>
        <message>
            <source>“%1” has the same scopes as %2: one of them may be a forgotten copy. Delete the one you don't use.</source>
            <translation>« %1 » a les mêmes autorisations que %2 : l’un d’eux est peut-être une copie oubliée. Supprimez celui que vous n’utilisez pas.</translation>
        </message>
        <message>
            <source>“%1” is not one of Deriv's apps, yet it may place trades on your accounts. Keep it only if you trust it with your money.</source>
            <translation>« %1 » n’est pas une application de Deriv, et peut pourtant passer des ordres sur vos comptes. Ne la gardez que si vous lui confiez votre argent.</translation>
        </message>
        <message>
            <source>“%1” is not one of Deriv's apps, yet it may use the %2 scope on your accounts. Revoke its access unless you rely on it.</source>
            <translation>« %1 » n’est pas une application de Deriv, et peut pourtant utiliser l’autorisation %2 sur vos comptes. Révoquez son accès si vous n’en dépendez pas.</translation>
        </message>
        <message>
            <source>“%1” looks like a forgotten copy of %2. Delete the copy you don't use.</source>
            <translation>« %1 » ressemble à une copie oubliée de %2. Supprimez la copie que vous n’utilisez pas.</translation>
        </message>
        <message>
            <source>“%1” still has access although it has never been used. Revoke it if you don't use it.</source>
            <translation>« %1 » a toujours accès alors qu’elle n’a jamais été utilisée. Révoquez-la si vous ne l’utilisez pas.</translation>
        </message>
        <message>
            <source>“%1” still has access but was last used %2 days ago. Revoke it if you no longer use it.</source>
            <translation>« %1 » a toujours accès mais a servi pour la dernière fois il y a %2 jours. Révoquez-la si vous ne l’utilisez plus.</translation>
        </message>
        <message>
            <source>“%1” was last used %2 days ago. A token nobody uses is one you may forget to protect: delete it if no app needs it.</source>
            <translation>« %1 » a servi pour la dernière fois il y a %2 jours. Un jeton que personne n’utilise est un jeton qu’on oublie de protéger : supprimez-le si aucune application n’en a besoin.</translation>
        </message>
    </context>
    <context>
        <name>CheckupDialog</name>
        <message>
            <source>%1: %2</source>
            <comment>a risk level and its number of findings</comment>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>&amp;Delete token…</source>
            <translation>&amp;Supprimer le jeton…</translation>
        </message>
        <message>
            <source>&amp;Not expected any more</source>
            <translation>&amp;Plus attendu</translation>
        </message>
        <message>
            <source>&amp;Re-run checkup</source>
            <translation>&amp;Relancer la vérification</translation>
        </message>
        <message>
            <source>A new token is created first and shown once; then “%1” is deleted. Give the new token to the app that used the old one. Lock it to your current IP address only if that app runs on this computer's network.</source>
            <translation>Un nouveau jeton est d’abord créé et affiché une seule fois ; puis « %1 » est supprimé. Donnez le nouveau jeton à l’application qui utilisait l’ancien. Ne le limitez à votre adresse IP actuelle que si cette application tourne sur le réseau de cet ordinateur.</translation>
        </message>
        <message>
            <source>Access for “%1” revoked.</source>
            <translation>Accès de « %1 » révoqué.</translation>
        </message>
        <message>
            <source>Apps and scripts using it stop working at once. This can't be undone.</source>
            <translation>Les applications et scripts qui l’utilisent cessent aussitôt de fonctionner. C’est irréversible.</translation>
        </message>
        <message>
            <source>Ask Deriv again for every list (F5)</source>
            <translation>Redemander chaque liste à Deriv (F5)</translation>
        </message>
        <message>
            <source>Asking Deriv for each account's tokens and connected apps.</source>
            <translation>Demande à Deriv des jetons et des applications connectées de chaque compte.</translation>
        </message>
        <message>
            <source>Change the filter, or show the findings you marked as expected.</source>
            <translation>Modifiez le filtre, ou affichez les constats que vous avez marqués comme attendus.</translation>
        </message>
        <message>
            <source>Checking your accounts…</source>
            <translation>Vérification de vos comptes…</translation>
        </message>
        <message>
            <source>Delete the token “%1” of %2?</source>
            <translation>Supprimer le jeton « %1 » de %2 ?</translation>
        </message>
        <message>
            <source>Delete token</source>
            <translation>Supprimer le jeton</translation>
        </message>
        <message>
            <source>Deriv Desktop holds no sign-in for any account.</source>
            <translation>Deriv Desktop ne détient de connexion pour aucun compte.</translation>
        </message>
        <message>
            <source>Deriv Desktop is signed in with this token: deleting it signs you out straight away. This can't be undone.</source>
            <translation>Deriv Desktop est connecté avec ce jeton : le supprimer vous déconnecte aussitôt. C’est irréversible.</translation>
        </message>
        <message>
            <source>Deriv's list did not show the new token.</source>
            <translation>La liste de Deriv n’affichait pas le nouveau jeton.</translation>
        </message>
        <message>
            <source>Export &amp;HTML…</source>
            <translation>Exporter en &amp;HTML…</translation>
        </message>
        <message>
            <source>Export the checkup</source>
            <translation>Exporter le bilan</translation>
        </message>
        <message>
            <source>Export the checkup as a web page</source>
            <translation>Exporter le bilan en page web</translation>
        </message>
        <message>
            <source>Finding, token, app or account</source>
            <translation>Constat, jeton, application ou compte</translation>
        </message>
        <message>
            <source>Findings shown: %1 of %2</source>
            <translation>Constats affichés : %1 sur %2</translation>
        </message>
        <message>
            <source>It will no longer be able to act on any of your accounts; it would have to ask for your permission again.</source>
            <translation>Elle ne pourra plus agir sur aucun de vos comptes ; elle devrait vous redemander votre autorisation.</translation>
        </message>
        <message>
            <source>Last run at %2 · accounts checked: %1</source>
            <translation>Dernière vérification à %2 · comptes vérifiés : %1</translation>
        </message>
        <message>
            <source>Marked as expected: %1. Tick “Show findings marked expected” to undo.</source>
            <translation>Marqué comme attendu : %1. Cochez « Afficher les constats marqués attendus » pour annuler.</translation>
        </message>
        <message>
            <source>Marked expected: %1</source>
            <translation>Marqués attendus : %1</translation>
        </message>
        <message>
            <source>No finding to show</source>
            <translation>Aucun constat à afficher</translation>
        </message>
        <message>
            <source>No longer marked as expected: %1.</source>
            <translation>N’est plus marqué comme attendu : %1.</translation>
        </message>
        <message>
            <source>No new token was created and “%1” is unchanged: %2</source>
            <translation>Aucun nouveau jeton n’a été créé et « %1 » est inchangé : %2</translation>
        </message>
        <message>
            <source>No risky token or connected app was found.</source>
            <translation>Aucun jeton ni aucune application connectée à risque n’a été trouvé.</translation>
        </message>
        <message>
            <source>Nothing to fix</source>
            <translation>Rien à corriger</translation>
        </message>
        <message>
            <source>Open Deriv's &amp;dashboard</source>
            <translation>Ouvrir le &amp;tableau de bord de Deriv</translation>
        </message>
        <message>
            <source>Re&amp;place with a safer token…</source>
            <translation>Rem&amp;placer par un jeton plus sûr…</translation>
        </message>
        <message>
            <source>Re&amp;voke access…</source>
            <translation>Ré&amp;voquer l’accès…</translation>
        </message>
        <message>
            <source>Replace with a safer token</source>
            <translation>Remplacer par un jeton plus sûr</translation>
        </message>
        <message>
            <source>Revoke access</source>
            <translation>Révoquer l’accès</translation>
        </message>
        <message>
            <source>Revoke access for “%1”?</source>
            <translation>Révoquer l’accès de « %1 » ?</translation>
        </message>
        <message>
            <source>Save the findings as CSV; token values are never written</source>
            <translation>Enregistrer les constats en CSV ; les valeurs des jetons ne sont jamais écrites</translation>
        </message>
        <message>
            <source>Saved %1 findings (no token values) to %2</source>
            <translation>%1 constats enregistrés (sans valeur de jeton) dans %2</translation>
        </message>
        <message>
            <source>Security checkup</source>
            <translation>Bilan de sécurité</translation>
        </message>
        <message>
            <source>Show findings marked &amp;expected</source>
            <translation>Afficher les constats marqués &amp;attendus</translation>
        </message>
        <message>
            <source>The checkup could not run</source>
            <translation>La vérification n’a pas pu se faire</translation>
        </message>
        <message>
            <source>The new token “%1” was created, but “%2” could not be deleted: %3 It still works; delete it from this list once the new one is in use.</source>
            <translation>Le nouveau jeton « %1 » a été créé, mais « %2 » n’a pas pu être supprimé : %3 Il fonctionne toujours ; supprimez-le depuis cette liste une fois le nouveau en service.</translation>
        </message>
        <message>
            <source>This is e&amp;xpected</source>
            <translation>C’est a&amp;ttendu</translation>
        </message>
        <message>
            <source>Token “%1” deleted.</source>
            <translation>Jeton « %1 » supprimé.</translation>
        </message>
        <message>
            <source>Web pages (*.html)</source>
            <translation>Pages web (*.html)</translation>
        </message>
        <message>
            <source>Why it matters</source>
            <translation>Pourquoi c’est important</translation>
        </message>
        <message>
            <source>Yes, delete</source>
            <translation>Oui, supprimer</translation>
        </message>
        <message>
            <source>You marked this as expected.</source>
            <translation>Vous avez marqué ceci comme attendu.</translation>
        </message>
        <message>
            <source>marked expected</source>
            <translation>marqué attendu</translation>
        </message>
        <message>
            <source>used by this app</source>
            <translation>utilisé par cette application</translation>
        </message>
        <message>
            <source>“%1” replaced by “%2”. Copy the new token now.</source>
            <translation>« %1 » remplacé par « %2 ». Copiez le nouveau jeton maintenant.</translation>
        </message>
        <message>
            <source>“%1” was not changed: %2</source>
            <translation>« %1 » n’a pas été modifié : %2</translation>
        </message>
    </context>
    <context>
        <name>CheckupModel</name>
        <message>
            <source>%1 (expected)</source>
            <translation>%1 (attendu)</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>Comptes</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>Constat</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>Risque</translation>
        </message>
        <message>
            <source>Scopes concerned</source>
            <translation>Autorisations en cause</translation>
        </message>
        <message>
            <source>Token or app</source>
            <translation>Jeton ou application</translation>
        </message>
    </context>
    <context>
        <name>ChipsDelegate</name>
        <message>
            <source>Used by this app</source>
            <translation>Utilisé par cette application</translation>
        </message>
    </context>
    <context>
        <name>ConnectionStatus</name>
        <message numerus="yes">
            <source>%1 not updating · retry in %n s</source>
            <translation>
                <numerusform>%1 non actualisés · nouvel essai dans %n s</numerusform>
                <numerusform>%1 non actualisés · nouvel essai dans %n s</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 not updating · retrying…</source>
            <translation>%1 non actualisés · nouvel essai…</translation>
        </message>
        <message>
            <source>Balances</source>
            <translation>Soldes</translation>
        </message>
        <message>
            <source>Balances and exchange rates</source>
            <translation>Soldes et taux de change</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Connexion…</translation>
        </message>
        <message>
            <source>Exchange rates</source>
            <translation>Taux de change</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Hors ligne</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>En ligne</translation>
        </message>
        <message numerus="yes">
            <source>Reconnecting in %n s</source>
            <translation>
                <numerusform>Reconnexion dans %n s</numerusform>
                <numerusform>Reconnexion dans %n s</numerusform>
            </translation>
        </message>
        <message>
            <source>Reconnecting…</source>
            <translation>Reconnexion…</translation>
        </message>
        <message>
            <source>Retry now</source>
            <translation>Réessayer maintenant</translation>
        </message>
        <message>
            <source>Sign in again</source>
            <translation>Se reconnecter</translation>
        </message>
        <message>
            <source>Signed out by Deriv</source>
            <translation>Déconnecté par Deriv</translation>
        </message>
        <message>
            <source>Starting live updates…</source>
            <translation>Démarrage des mises à jour en direct…</translation>
        </message>
        <message>
            <source>Trying again now…</source>
            <translation>Nouvel essai en cours…</translation>
        </message>
    </context>
    <context>
        <name>Currency</name>
        <message>
            <source>Australian Dollar</source>
            <translation>Dollar australien</translation>
        </message>
        <message>
            <source>Binance USD</source>
            <translation>Binance USD</translation>
        </message>
        <message>
            <source>Binary Coin</source>
            <translation>Binary Coin</translation>
        </message>
        <message>
            <source>Bitcoin</source>
            <translation>Bitcoin</translation>
        </message>
        <message>
            <source>Bitcoin Cash</source>
            <translation>Bitcoin Cash</translation>
        </message>
        <message>
            <source>Dai</source>
            <translation>Dai</translation>
        </message>
        <message>
            <source>Ethereum</source>
            <translation>Ethereum</translation>
        </message>
        <message>
            <source>Ethereum Classic</source>
            <translation>Ethereum Classic</translation>
        </message>
        <message>
            <source>Euro</source>
            <translation>Euro</translation>
        </message>
        <message>
            <source>IDK</source>
            <translation>IDK</translation>
        </message>
        <message>
            <source>Litecoin</source>
            <translation>Litecoin</translation>
        </message>
        <message>
            <source>Paxos Standard</source>
            <translation>Paxos Standard</translation>
        </message>
        <message>
            <source>Pound Sterling</source>
            <translation>Livre sterling</translation>
        </message>
        <message>
            <source>STASIS Euro</source>
            <translation>STASIS Euro</translation>
        </message>
        <message>
            <source>Tether</source>
            <translation>Tether</translation>
        </message>
        <message>
            <source>Tether ERC20</source>
            <translation>Tether ERC20</translation>
        </message>
        <message>
            <source>Tether Omni</source>
            <translation>Tether Omni</translation>
        </message>
        <message>
            <source>Tether TRC20</source>
            <translation>Tether TRC20</translation>
        </message>
        <message>
            <source>TrueUSD</source>
            <translation>TrueUSD</translation>
        </message>
        <message>
            <source>US Dollar</source>
            <translation>Dollar américain</translation>
        </message>
        <message>
            <source>USD Coin</source>
            <translation>USD Coin</translation>
        </message>
        <message>
            <source>USDK</source>
            <translation>USDK</translation>
        </message>
        <message>
            <source>XRP</source>
            <translation>XRP</translation>
        </message>
    </context>
    <context>
        <name>Formatting</name>
        <message numerus="yes">
            <source>updated %n d ago</source>
            <translation>
                <numerusform>mis à jour il y a %n jour</numerusform>
                <numerusform>mis à jour il y a %n jours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>updated %n h ago</source>
            <translation>
                <numerusform>mis à jour il y a %n h</numerusform>
                <numerusform>mis à jour il y a %n h</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>updated %n min ago</source>
            <translation>
                <numerusform>mis à jour il y a %n min</numerusform>
                <numerusform>mis à jour il y a %n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>updated %n s ago</source>
            <translation>
                <numerusform>mis à jour il y a %n s</numerusform>
                <numerusform>mis à jour il y a %n s</numerusform>
            </translation>
        </message>
        <message>
            <source>updated just now</source>
            <translation>mis à jour à l’instant</translation>
        </message>
    </context>
    <context>
        <name>KeyringWait</name>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Continue without remembering</source>
            <translation>Continuer sans mémoriser</translation>
        </message>
        <message>
            <source>Waiting for your keyring… If it asks for a password, answer it. Or go on without it: Deriv Desktop then forgets this sign-in when it closes.</source>
            <translation>En attente de votre trousseau… S’il demande un mot de passe, répondez-y. Ou continuez sans lui : Deriv Desktop oubliera alors cette connexion à sa fermeture.</translation>
        </message>
    </context>
    <context>
        <name>LastUsed</name>
        <message>
            <source>%1, %2</source>
            <translation>%1 à %2</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Jamais</translation>
        </message>
        <message>
            <source>Not used since it was created</source>
            <translation>Jamais utilisé depuis sa création</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>%1 high-risk and %2 medium-risk findings. Click to review them.</source>
            <translation>%1 constats à risque élevé et %2 à risque moyen. Cliquez pour les examiner.</translation>
        </message>
        <message>
            <source>&amp;About Deriv Desktop</source>
            <translation>À &amp;propos de Deriv Desktop</translation>
        </message>
        <message>
            <source>&amp;Account</source>
            <translation>&amp;Compte</translation>
        </message>
        <message>
            <source>&amp;Find account</source>
            <translation>Rec&amp;hercher un compte</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Aid&amp;e</translation>
        </message>
        <message>
            <source>&amp;Hide amounts</source>
            <translation>&amp;Masquer les montants</translation>
        </message>
        <message>
            <source>&amp;Log out</source>
            <translation>Se &amp;déconnecter</translation>
        </message>
        <message>
            <source>&amp;Log out…</source>
            <translation>Se &amp;déconnecter…</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>&amp;Préférences…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Paramètres…</translation>
        </message>
        <message>
            <source>&amp;Stay signed in</source>
            <translation>&amp;Rester connecté</translation>
        </message>
        <message>
            <source>&amp;Switch to</source>
            <translation>&amp;Basculer vers</translation>
        </message>
        <message>
            <source>&amp;Tools</source>
            <translation>&amp;Outils</translation>
        </message>
        <message>
            <source>&amp;Top up demo account</source>
            <translation>&amp;Recharger le compte démo</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>API &amp;tokens…</source>
            <translation>&amp;Jetons d’API…</translation>
        </message>
        <message>
            <source>Added %1</source>
            <translation>%1 ajoutés</translation>
        </message>
        <message>
            <source>Connected &amp;apps…</source>
            <translation>&amp;Applications connectées…</translation>
        </message>
        <message>
            <source>Copy login id</source>
            <translation>Copier l’identifiant du compte</translation>
        </message>
        <message>
            <source>Deriv Desktop</source>
            <translation>Deriv Desktop</translation>
        </message>
        <message>
            <source>Hide every balance and total, for screen sharing and recording</source>
            <translation>Masquer tous les soldes et totaux, pour partager ou enregistrer l’écran</translation>
        </message>
        <message>
            <source>Hide zero balances</source>
            <translation>Masquer les soldes nuls</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>Se déconnecter</translation>
        </message>
        <message>
            <source>Log out of Deriv Desktop?</source>
            <translation>Se déconnecter de Deriv Desktop ?</translation>
        </message>
        <message>
            <source>Open the &amp;log folder</source>
            <translation>Ouvrir le dossier des &amp;journaux</translation>
        </message>
        <message>
            <source>Search accounts</source>
            <translation>Rechercher des comptes</translation>
        </message>
        <message>
            <source>Search by login id, currency or name</source>
            <translation>Rechercher par identifiant, devise ou nom</translation>
        </message>
        <message>
            <source>Security &amp;checkup (%1)…</source>
            <translation>&amp;Bilan de sécurité (%1)…</translation>
        </message>
        <message>
            <source>Security &amp;checkup…</source>
            <translation>&amp;Bilan de sécurité…</translation>
        </message>
        <message>
            <source>Switch to this account</source>
            <translation>Basculer vers ce compte</translation>
        </message>
        <message>
            <source>The app's log files, to attach to a support request</source>
            <translation>Les fichiers journaux de l’application, à joindre à une demande d’assistance</translation>
        </message>
        <message>
            <source>This account cannot be opened.</source>
            <translation>Ce compte ne peut pas être ouvert.</translation>
        </message>
        <message>
            <source>This computer forgets your sign-in: to see your accounts again you will need to sign in again.</source>
            <translation>Cet ordinateur oubliera votre connexion : pour revoir vos comptes, il faudra vous reconnecter.</translation>
        </message>
        <message>
            <source>Top up demo account</source>
            <translation>Recharger le compte démo</translation>
        </message>
        <message>
            <source>Tray, notifications and alerts. The server and app are chosen when you sign in: log out to change them.</source>
            <translation>Zone de notification, notifications et alertes. Le serveur et l’application se choisissent à la connexion : déconnectez-vous pour les changer.</translation>
        </message>
        <message>
            <source>You are offline. Top up once the connection is back.</source>
            <translation>Vous êtes hors ligne. Rechargez une fois la connexion rétablie.</translation>
        </message>
        <message>
            <source>⚠ Security checkup: %1 to review</source>
            <translation>⚠ Bilan de sécurité : %1 à examiner</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <source>Dismiss</source>
            <translation>Fermer</translation>
        </message>
    </context>
    <context>
        <name>Migration</name>
        <message>
            <source>Deriv could not finish moving your accounts to its new API; your legacy accounts keep working (choose "Deriv API v3 (legacy)" in the sign-in Settings). Contact Deriv if this stays so.</source>
            <translation>Deriv n'a pas pu terminer le transfert de vos comptes vers sa nouvelle API ; vos anciens comptes continuent de fonctionner (choisissez « API Deriv v3 (ancienne) » dans les paramètres de connexion). Contactez Deriv si cela persiste.</translation>
        </message>
        <message>
            <source>Deriv is still moving your accounts to its new API. Until it is done your legacy accounts keep working: choose "Deriv API v3 (legacy)" in the sign-in Settings to manage their API tokens and connected apps.</source>
            <translation>Deriv transfère encore vos comptes vers sa nouvelle API. D'ici là, vos anciens comptes continuent de fonctionner : choisissez « API Deriv v3 (ancienne) » dans les paramètres de connexion pour gérer leurs jetons d'API et applications connectées.</translation>
        </message>
        <message>
            <source>Deriv reports a migration state this version of Deriv Desktop does not know yet; your accounts are shown as Deriv lists them.</source>
            <translation>Deriv indique un état de transfert que cette version de Deriv Desktop ne connaît pas encore ; vos comptes sont affichés tels que Deriv les liste.</translation>
        </message>
        <message>
            <source>Your accounts live on Deriv's new API: Deriv has finished moving them, so apps and API tokens made for the legacy API no longer work for you. Manage personal access tokens on Deriv's dashboard.</source>
            <translation>Vos comptes sont sur la nouvelle API de Deriv : Deriv a terminé leur transfert, les applications et jetons d'API créés pour l'ancienne API ne fonctionnent donc plus pour vous. Gérez vos jetons d'accès personnels dans le tableau de bord de Deriv.</translation>
        </message>
        <message>
            <source>Your accounts were opened on Deriv's new API; there is nothing to move from the legacy API.</source>
            <translation>Vos comptes ont été ouverts sur la nouvelle API de Deriv ; il n'y a rien à transférer depuis l'ancienne API.</translation>
        </message>
    </context>
    <context>
        <name>Notices</name>
        <message>
            <source>%1, now %2</source>
            <translation>%1, désormais %2</translation>
        </message>
        <message numerus="yes">
            <source>%n updates arrived at once. Open the app to see them.</source>
            <translation>
                <numerusform>%n alerte est arrivée d’un coup. Ouvrez l’application pour la voir.</numerusform>
                <numerusform>%n alertes sont arrivées d’un coup. Ouvrez l’application pour les voir.</numerusform>
            </translation>
        </message>
        <message>
            <source>Access to %1 ended</source>
            <translation>Accès à %1 terminé</translation>
        </message>
        <message>
            <source>Balance down on %1</source>
            <translation>Solde en baisse sur %1</translation>
        </message>
        <message>
            <source>Balance up on %1</source>
            <translation>Solde en hausse sur %1</translation>
        </message>
        <message>
            <source>Demo · %1</source>
            <translation>Démo · %1</translation>
        </message>
        <message>
            <source>Deriv Desktop</source>
            <translation>Deriv Desktop</translation>
        </message>
        <message>
            <source>Deriv ended the session: the app's access was revoked or its sign-in deleted elsewhere. Sign in again to see your balances.</source>
            <translation>Deriv a mis fin à la session : l’accès de l’application a été révoqué ou sa connexion supprimée ailleurs. Reconnectez-vous pour voir vos soldes.</translation>
        </message>
        <message>
            <source>Deriv no longer accepts this account's sign-in: it was deleted or the app's access was revoked outside Deriv Desktop. Sign in again to use it.</source>
            <translation>Deriv n’accepte plus la connexion de ce compte : elle a été supprimée ou l’accès de l’application a été révoqué en dehors de Deriv Desktop. Reconnectez-vous pour l’utiliser.</translation>
        </message>
        <message>
            <source>Low balance on %1</source>
            <translation>Solde bas sur %1</translation>
        </message>
        <message>
            <source>No connection to Deriv</source>
            <translation>Pas de connexion à Deriv</translation>
        </message>
        <message>
            <source>Signed out by Deriv</source>
            <translation>Déconnecté par Deriv</translation>
        </message>
        <message>
            <source>The balance is %1, under the low mark you set.</source>
            <translation>Le solde est de %1, sous le seuil bas que vous avez fixé.</translation>
        </message>
        <message numerus="yes">
            <source>The connection has been down for %n min. Balances may be out of date.</source>
            <translation>
                <numerusform>La connexion est coupée depuis %n min. Les soldes peuvent ne pas être à jour.</numerusform>
                <numerusform>La connexion est coupée depuis %n min. Les soldes peuvent ne pas être à jour.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Preferences</name>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source>&amp;General</source>
            <translation>&amp;Général</translation>
        </message>
        <message>
            <source>&amp;Keep running in the tray when the window is closed</source>
            <translation>&amp;Rester dans la zone de notification quand la fenêtre est fermée</translation>
        </message>
        <message>
            <source>A &amp;balance moves by more than its threshold</source>
            <translation>Un solde &amp;varie de plus que son seuil</translation>
        </message>
        <message>
            <source>A balance falls under its &amp;low mark</source>
            <translation>Un solde passe sous son seuil &amp;bas</translation>
        </message>
        <message>
            <source>Access is &amp;revoked or a sign-in deleted outside this app</source>
            <translation>Un accès est révoqué ou une connexion &amp;supprimée en dehors de l’application</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Connection down for &amp;more than</source>
            <translation>Connexion coupée &amp;depuis plus de</translation>
        </message>
        <message>
            <source>Low mark</source>
            <translation>Seuil bas</translation>
        </message>
        <message>
            <source>Notify me when</source>
            <translation>Me prévenir quand</translation>
        </message>
        <message>
            <source>Preferences</source>
            <translation>Préférences</translation>
        </message>
        <message>
            <source>Pro&amp;xy</source>
            <translation>Pro&amp;xy</translation>
        </message>
        <message>
            <source>The connection to Deriv stays &amp;down</source>
            <translation>La connexion à Deriv reste &amp;coupée</translation>
        </message>
        <message>
            <source>Threshold</source>
            <translation>Seuil</translation>
        </message>
        <message>
            <source>Thresholds and low marks are in each account's currency. Leave a threshold empty for the default: every move on real accounts, none on demo.</source>
            <translation>Les seuils et seuils bas sont dans la devise de chaque compte. Laissez un seuil vide pour la valeur par défaut : chaque variation sur les comptes réels, aucune sur le compte démo.</translation>
        </message>
    </context>
    <context>
        <name>Problem</name>
        <message>
            <source>A session on Deriv's new API uses one token for all accounts. Sign in again.</source>
            <translation>Sur la nouvelle API de Deriv, une session utilise un seul jeton pour tous les comptes. Reconnectez-vous.</translation>
        </message>
        <message>
            <source>Another program on this computer is using port %1 of %2, the address Deriv sends your sign-in to, so it would receive your sign-in. Deriv Desktop did not open the browser. Close that program and try again, or sign in with an API token.</source>
            <translation>Un autre programme de cet ordinateur utilise le port %1 de %2, l’adresse à laquelle Deriv envoie votre connexion : il la recevrait. Deriv Desktop n’a pas ouvert le navigateur. Fermez ce programme et réessayez, ou connectez-vous avec un jeton d’API.</translation>
        </message>
        <message>
            <source>Balances may be out of date: the connection to Deriv is down. They will refresh as soon as it is back.</source>
            <translation>Les soldes ne sont peut-être plus à jour : la connexion à Deriv est interrompue. Ils seront actualisés dès son rétablissement.</translation>
        </message>
        <message>
            <source>Balances may be out of date: their live updates stopped. Deriv Desktop is opening them again; press Retry now to try at once.</source>
            <translation>Les soldes ne sont peut-être plus à jour : leurs mises à jour en direct se sont arrêtées. Deriv Desktop les relance ; appuyez sur Réessayer maintenant pour ne pas attendre.</translation>
        </message>
        <message>
            <source>Check the proxy in Settings, then try again.</source>
            <translation>Vérifiez le proxy dans les Paramètres, puis réessayez.</translation>
        </message>
        <message>
            <source>Check your system's proxy settings, or choose a proxy in Settings, then try again.</source>
            <translation>Vérifiez les réglages de proxy de votre système, ou choisissez un proxy dans les Paramètres, puis réessayez.</translation>
        </message>
        <message>
            <source>Choose at least one scope.</source>
            <translation>Choisissez au moins une portée.</translation>
        </message>
        <message>
            <source>Converted totals may be out of date: live exchange rates stopped. Deriv Desktop is opening them again; press Retry now to try at once.</source>
            <translation>Les totaux convertis ne sont peut-être plus à jour : les taux de change en direct se sont arrêtés. Deriv Desktop les relance ; appuyez sur Réessayer maintenant pour ne pas attendre.</translation>
        </message>
        <message>
            <source>Deriv Desktop cannot listen on port %1 of %2: that local address is not available on this computer. Paste the address your browser ends on, or sign in with an API token.</source>
            <translation>Deriv Desktop ne peut pas écouter sur le port %1 de %2 : cette adresse locale n’est pas disponible sur cet ordinateur. Collez l’adresse sur laquelle votre navigateur s’arrête, ou connectez-vous avec un jeton d’API.</translation>
        </message>
        <message>
            <source>Deriv Desktop could not listen on port %1 of %2. Paste the address your browser ends on, or sign in with an API token.</source>
            <translation>Deriv Desktop n’a pas pu écouter sur le port %1 de %2. Collez l’adresse sur laquelle votre navigateur s’arrête, ou connectez-vous avec un jeton d’API.</translation>
        </message>
        <message>
            <source>Deriv Desktop could not open a local port to receive the relay page's answer. Paste a personal access token instead.</source>
            <translation>Deriv Desktop n’a pas pu ouvrir de port local pour recevoir la réponse de la page relais. Collez plutôt un jeton d’accès personnel.</translation>
        </message>
        <message>
            <source>Deriv Desktop could not open a local port to receive the sign-in. Paste the address your browser ends on, or paste a personal access token instead.</source>
            <translation>Deriv Desktop n’a pas pu ouvrir de port local pour recevoir la connexion. Collez l’adresse où votre navigateur s’arrête, ou collez plutôt un jeton d’accès personnel.</translation>
        </message>
        <message>
            <source>Deriv Desktop could not open your browser. Copy the link and open it yourself.</source>
            <translation>Deriv Desktop n’a pas pu ouvrir votre navigateur. Copiez le lien et ouvrez-le vous-même.</translation>
        </message>
        <message>
            <source>Deriv Desktop could not reach Deriv, so you are not signed in. Check your internet connection and the server in Settings, then try again.</source>
            <translation>Deriv Desktop n’a pas pu joindre Deriv : vous n’êtes donc pas connecté. Vérifiez votre connexion Internet et le serveur dans les Paramètres, puis réessayez.</translation>
        </message>
        <message>
            <source>Deriv Desktop could not use the system keyring because %1</source>
            <translation>Deriv Desktop n’a pas pu utiliser le trousseau système, car %1</translation>
        </message>
        <message>
            <source>Deriv Desktop is closing, so the request was stopped.</source>
            <translation>Deriv Desktop se ferme : la demande a donc été interrompue.</translation>
        </message>
        <message>
            <source>Deriv Desktop is closing, so the sign-in stopped.</source>
            <translation>Deriv Desktop se ferme : la connexion a donc été interrompue.</translation>
        </message>
        <message>
            <source>Deriv Desktop is not connected to Deriv right now. Try again once the connection is back.</source>
            <translation>Deriv Desktop n’est pas connecté à Deriv pour le moment. Réessayez une fois la connexion rétablie.</translation>
        </message>
        <message>
            <source>Deriv Desktop may not write to its settings folder.</source>
            <translation>Deriv Desktop n’a pas le droit d’écrire dans son dossier de réglages.</translation>
        </message>
        <message>
            <source>Deriv Desktop received a sign-in address but was not waiting for a sign-in, so it was not used. Start signing in again.</source>
            <translation>Deriv Desktop a reçu une adresse de connexion alors qu’aucune connexion n’était en attente : elle n’a donc pas été utilisée. Relancez la connexion.</translation>
        </message>
        <message>
            <source>Deriv asked for a sign-in first. Sign in again, then try again.</source>
            <translation>Deriv demande d’abord une connexion. Reconnectez-vous, puis réessayez.</translation>
        </message>
        <message>
            <source>Deriv could not be reached.</source>
            <translation>Deriv n’a pas pu être joint.</translation>
        </message>
        <message>
            <source>Deriv could not change your API tokens. Try again in a moment.</source>
            <translation>Deriv n’a pas pu modifier vos jetons d’API. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>Deriv did not accept a value you entered (%1). Check it and try again.</source>
            <translation>Deriv n’a pas accepté une valeur que vous avez saisie (%1). Vérifiez-la et réessayez.</translation>
        </message>
        <message>
            <source>Deriv did not accept a value you entered. Check it and try again.</source>
            <translation>Deriv n’a pas accepté une valeur que vous avez saisie. Vérifiez-la et réessayez.</translation>
        </message>
        <message>
            <source>Deriv did not accept the API token. Check that you copied all of it and that it was not deleted on Deriv's API token page.</source>
            <translation>Deriv n’a pas accepté le jeton d’API. Vérifiez que vous l’avez copié en entier et qu’il n’a pas été supprimé sur la page des jetons d’API de Deriv.</translation>
        </message>
        <message>
            <source>Deriv did not accept the personal access token. Check that you copied all of it, that it has the trade scope, that it was not revoked on Deriv's dashboard, and that the App ID in Settings is the one it was made for.</source>
            <translation>Deriv n’a pas accepté le jeton d’accès personnel. Vérifiez que vous l’avez copié en entier, qu’il a la portée trade, qu’il n’a pas été révoqué dans le tableau de bord de Deriv et que l’App ID indiqué dans les Paramètres est celui pour lequel il a été créé.</translation>
        </message>
        <message>
            <source>Deriv did not accept the sign-in code (it was already used, has expired, or the app's redirect address does not match). Sign in again.</source>
            <translation>Deriv n’a pas accepté le code de connexion (il a déjà été utilisé, il a expiré, ou l’adresse de redirection de l’application ne correspond pas). Reconnectez-vous.</translation>
        </message>
        <message>
            <source>Deriv did not accept the sign-in it just gave back. Start again; if it keeps happening, check that the app id in Settings is the one registered for this redirect URL.</source>
            <translation>Deriv n’a pas accepté la connexion qu’il vient de renvoyer. Recommencez ; si cela se reproduit, vérifiez que l’ID d’application indiqué dans les Paramètres est bien celui enregistré pour cette URL de redirection.</translation>
        </message>
        <message>
            <source>Deriv did not accept token %1 of %2 (it starts with %3…). Check that you copied all of it and that it was not deleted on Deriv's API token page, or continue with the other tokens.</source>
            <translation>Deriv n’a pas accepté le jeton %1 sur %2 (il commence par %3…). Vérifiez que vous l’avez copié en entier et qu’il n’a pas été supprimé sur la page des jetons d’API de Deriv, ou continuez avec les autres jetons.</translation>
        </message>
        <message>
            <source>Deriv did not allow this sign-in, so you are not signed in.</source>
            <translation>Deriv n’a pas autorisé cette connexion : vous n’êtes donc pas connecté.</translation>
        </message>
        <message>
            <source>Deriv did not answer in time. Try again in a moment.</source>
            <translation>Deriv n’a pas répondu à temps. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>Deriv did not list these accounts for the signed-in user: %1. The sign-in was stopped so that accounts are not mixed up.</source>
            <translation>Deriv ne liste pas ces comptes pour l’utilisateur connecté : %1. La connexion a été interrompue pour ne pas mélanger les comptes.</translation>
        </message>
        <message>
            <source>Deriv did not top up this demo account: it only does so when the balance is low.</source>
            <translation>Deriv n’a pas rechargé ce compte démo : il ne le fait que lorsque le solde est bas.</translation>
        </message>
        <message>
            <source>Deriv did not understand the request. This version of Deriv Desktop may be out of date.</source>
            <translation>Deriv n’a pas compris la demande. Cette version de Deriv Desktop n’est peut-être plus à jour.</translation>
        </message>
        <message>
            <source>Deriv does not know this account, or it is not part of your sign-in.</source>
            <translation>Deriv ne connaît pas ce compte, ou il ne fait pas partie de votre connexion.</translation>
        </message>
        <message>
            <source>Deriv does not know this app's client id. Check the app id in Settings, then sign in again.</source>
            <translation>Deriv ne connaît pas l’identifiant client de cette application. Vérifiez l’ID d’application dans les Paramètres, puis reconnectez-vous.</translation>
        </message>
        <message>
            <source>Deriv does not recognise the app id in Settings. Check it, then sign in again.</source>
            <translation>Deriv ne reconnaît pas l’ID d’application indiqué dans les Paramètres. Vérifiez-le, puis reconnectez-vous.</translation>
        </message>
        <message>
            <source>Deriv lists no Options accounts for this sign-in.</source>
            <translation>Deriv ne liste aucun compte Options pour cette connexion.</translation>
        </message>
        <message>
            <source>Deriv no longer accepts the saved sign-in for %1 (revoked or expired), so it was left out. Sign in again to see it here.</source>
            <translation>Deriv n’accepte plus la connexion enregistrée pour %1 (révoquée ou expirée) : ce compte n’est donc pas affiché. Reconnectez-vous pour le voir ici.</translation>
        </message>
        <message>
            <source>Deriv no longer accepts the sign-in for %1 (deleted, revoked or expired), so its balance is no longer kept up to date. Sign in again to see it live.</source>
            <translation>Deriv n’accepte plus la connexion pour %1 (supprimée, révoquée ou expirée) : son solde n’est donc plus actualisé. Reconnectez-vous pour le suivre en direct.</translation>
        </message>
        <message>
            <source>Deriv no longer accepts this sign-in (it was revoked or has expired). Sign in again.</source>
            <translation>Deriv n’accepte plus cette connexion (elle a été révoquée ou a expiré). Reconnectez-vous.</translation>
        </message>
        <message>
            <source>Deriv no longer accepts your saved sign-in (it was revoked or has expired), so it was removed. Sign in again.</source>
            <translation>Deriv n’accepte plus votre connexion enregistrée (elle a été révoquée ou a expiré) : elle a donc été supprimée. Reconnectez-vous.</translation>
        </message>
        <message>
            <source>Deriv no longer accepts your sign-in (it was revoked or has expired), so you were signed out. Sign in again.</source>
            <translation>Deriv n’accepte plus votre connexion (elle a été révoquée ou a expiré) : vous avez donc été déconnecté. Reconnectez-vous.</translation>
        </message>
        <message>
            <source>Deriv received too many requests. Wait a minute, then try again.</source>
            <translation>Deriv a reçu trop de demandes. Patientez une minute, puis réessayez.</translation>
        </message>
        <message>
            <source>Deriv refused the request. Try again in a moment.</source>
            <translation>Deriv a refusé la demande. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>Deriv refused to finish the sign-in. Sign in again.</source>
            <translation>Deriv a refusé de terminer la connexion. Reconnectez-vous.</translation>
        </message>
        <message>
            <source>Deriv sent an answer Deriv Desktop cannot read. Try again in a moment.</source>
            <translation>Deriv a envoyé une réponse que Deriv Desktop ne sait pas lire. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>Deriv sent something Deriv Desktop cannot read. Try again in a moment.</source>
            <translation>Deriv a envoyé des données que Deriv Desktop ne sait pas lire. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>Deriv signed you out: %1 Sign in again to carry on.</source>
            <translation>Deriv vous a déconnecté : %1 Reconnectez-vous pour continuer.</translation>
        </message>
        <message>
            <source>Deriv stopped the sign-in without saying why. Try again, or sign in with an API token.</source>
            <translation>Deriv a interrompu la connexion sans en donner la raison. Réessayez, ou connectez-vous avec un jeton d’API.</translation>
        </message>
        <message>
            <source>Deriv's answer contained a currency in an unexpected form.</source>
            <translation>La réponse de Deriv contenait une devise sous une forme inattendue.</translation>
        </message>
        <message>
            <source>Deriv's answer contained a sign-in code in an unexpected form.</source>
            <translation>La réponse de Deriv contenait un code de connexion sous une forme inattendue.</translation>
        </message>
        <message>
            <source>Deriv's answer contained a token in an unexpected form.</source>
            <translation>La réponse de Deriv contenait un jeton sous une forme inattendue.</translation>
        </message>
        <message>
            <source>Deriv's answer contained an account id in an unexpected form.</source>
            <translation>La réponse de Deriv contenait un identifiant de compte sous une forme inattendue.</translation>
        </message>
        <message>
            <source>Deriv's answer contained an unreadable value, so it was not used.</source>
            <translation>La réponse de Deriv contenait une valeur illisible : elle n’a donc pas été utilisée.</translation>
        </message>
        <message>
            <source>Deriv's answer did not include a sign-in code, so nobody was signed in.</source>
            <translation>La réponse de Deriv ne contenait pas de code de connexion : personne n’a donc été connecté.</translation>
        </message>
        <message>
            <source>Deriv's answer did not include any account, so nobody was signed in.</source>
            <translation>La réponse de Deriv ne contenait aucun compte : personne n’a donc été connecté.</translation>
        </message>
        <message>
            <source>Deriv's answer had an account without its token, so it was not used.</source>
            <translation>La réponse de Deriv comportait un compte sans son jeton : elle n’a donc pas été utilisée.</translation>
        </message>
        <message>
            <source>Deriv's answer listed more accounts than Deriv Desktop accepts.</source>
            <translation>La réponse de Deriv listait plus de comptes que Deriv Desktop n’en accepte.</translation>
        </message>
        <message>
            <source>Deriv's answer listed the same account twice, so it was not used.</source>
            <translation>La réponse de Deriv listait deux fois le même compte : elle n’a donc pas été utilisée.</translation>
        </message>
        <message>
            <source>Deriv's answer repeated a field, so it was not used.</source>
            <translation>La réponse de Deriv répétait un champ : elle n’a donc pas été utilisée.</translation>
        </message>
        <message>
            <source>Deriv's answer skipped an account number, so it was not used.</source>
            <translation>La réponse de Deriv sautait un numéro de compte : elle n’a donc pas été utilisée.</translation>
        </message>
        <message>
            <source>Deriv's new API has no calls for API tokens or connected apps; manage them on Deriv's dashboard.</source>
            <translation>La nouvelle API de Deriv ne permet pas de gérer les jetons d’API ni les applications connectées ; gérez-les dans le tableau de bord de Deriv.</translation>
        </message>
        <message>
            <source>Deriv's sign-in server had a problem. Try again in a moment.</source>
            <translation>Le serveur de connexion de Deriv a rencontré un problème. Réessayez dans un instant.</translation>
        </message>
        <message>
            <source>Deriv's sign-in server sent an answer Deriv Desktop cannot read.</source>
            <translation>Le serveur de connexion de Deriv a envoyé une réponse que Deriv Desktop ne sait pas lire.</translation>
        </message>
        <message>
            <source>Paste at least one API token.</source>
            <translation>Collez au moins un jeton d’API.</translation>
        </message>
        <message>
            <source>Paste at most %1 tokens at a time.</source>
            <translation>Collez au plus %1 jetons à la fois.</translation>
        </message>
        <message>
            <source>Paste one personal access token: it opens all the accounts of its user.</source>
            <translation>Collez un seul jeton d’accès personnel : il ouvre tous les comptes de son utilisateur.</translation>
        </message>
        <message>
            <source>Paste your personal access token.</source>
            <translation>Collez votre jeton d’accès personnel.</translation>
        </message>
        <message>
            <source>Port %1 on %2 is already in use by another program, so the browser cannot hand the sign-in back to Deriv Desktop. Close that program, paste the address your browser ends on, or sign in with an API token.</source>
            <translation>Le port %1 de %2 est déjà utilisé par un autre programme : le navigateur ne peut donc pas renvoyer la connexion à Deriv Desktop. Fermez ce programme, collez l’adresse sur laquelle votre navigateur s’arrête, ou connectez-vous avec un jeton d’API.</translation>
        </message>
        <message numerus="yes">
            <source>Sign-in timed out after %n min without an answer from the browser. Start again, or sign in with an API token.</source>
            <translation>
                <numerusform>Le délai de connexion a expiré après %n min sans réponse du navigateur. Recommencez, ou connectez-vous avec un jeton d’API.</numerusform>
                <numerusform>Le délai de connexion a expiré après %n min sans réponse du navigateur. Recommencez, ou connectez-vous avec un jeton d’API.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Sign-in timed out after %n min. A page from an earlier sign-in reached Deriv Desktop, so you probably finished an older tab. Start again and use the newest tab, or sign in with an API token.</source>
            <translation>
                <numerusform>Le délai de connexion a expiré après %n min. Une page d’une connexion précédente a atteint Deriv Desktop : vous avez sans doute terminé dans un onglet plus ancien. Recommencez en utilisant l’onglet le plus récent, ou connectez-vous avec un jeton d’API.</numerusform>
                <numerusform>Le délai de connexion a expiré après %n min. Une page d’une connexion précédente a atteint Deriv Desktop : vous avez sans doute terminé dans un onglet plus ancien. Recommencez en utilisant l’onglet le plus récent, ou connectez-vous avec un jeton d’API.</numerusform>
            </translation>
        </message>
        <message>
            <source>Sign-in was cancelled.</source>
            <translation>La connexion a été annulée.</translation>
        </message>
        <message>
            <source>Signing in with Deriv needs your app id and Deriv's sign-in page address. Check both in Settings.</source>
            <translation>La connexion avec Deriv nécessite votre ID d’application et l’adresse de la page de connexion de Deriv. Vérifiez les deux dans les Paramètres.</translation>
        </message>
        <message>
            <source>Signing in with Deriv on the new API needs the App ID of your OAuth app and the address of your relay page (Settings). You can also paste a personal access token instead.</source>
            <translation>Sur la nouvelle API, la connexion avec Deriv nécessite l’App ID de votre application OAuth et l’adresse de votre page relais (Paramètres). Vous pouvez aussi coller un jeton d’accès personnel.</translation>
        </message>
        <message>
            <source>Some of your settings were damaged and were put back to their defaults: %1. The others were kept.</source>
            <translation>Certains de vos réglages étaient endommagés et ont été remis à leur valeur par défaut : %1. Les autres ont été conservés.</translation>
        </message>
        <message>
            <source>Something answers at %1, but it is not a proxy of the kind chosen (HTTP or SOCKS5).</source>
            <translation>Quelque chose répond à l’adresse %1, mais ce n’est pas un proxy du type choisi (HTTP ou SOCKS5).</translation>
        </message>
        <message>
            <source>Something went wrong (%1). The details are in the log.</source>
            <translation>Un problème est survenu (%1). Les détails figurent dans le journal.</translation>
        </message>
        <message>
            <source>Stopped signing you back in. Your sign-in is still saved: press Restore to try again.</source>
            <translation>La reconnexion a été arrêtée. Votre connexion reste enregistrée : appuyez sur « Rétablir la connexion enregistrée » pour réessayer.</translation>
        </message>
        <message>
            <source>That does not look like a personal access token: it should be one word of letters and digits, copied from Deriv's dashboard.</source>
            <translation>Cela ne ressemble pas à un jeton d’accès personnel : il doit s’agir d’un seul mot fait de lettres et de chiffres, copié depuis le tableau de bord de Deriv.</translation>
        </message>
        <message>
            <source>The answer names another sign-in server than Deriv's, so it was not used.</source>
            <translation>La réponse indique un autre serveur de connexion que celui de Deriv : elle n’a donc pas été utilisée.</translation>
        </message>
        <message>
            <source>The connection to Deriv was lost before the request finished. Try again once it is back.</source>
            <translation>La connexion à Deriv a été perdue avant la fin de la demande. Réessayez une fois la connexion rétablie.</translation>
        </message>
        <message>
            <source>The damaged file was kept as %1.</source>
            <translation>Le fichier endommagé a été conservé sous le nom %1.</translation>
        </message>
        <message>
            <source>The proxy could not be used to reach Deriv.</source>
            <translation>Le proxy n’a pas permis de joindre Deriv.</translation>
        </message>
        <message>
            <source>The proxy in your system settings could not be used to reach Deriv. Check those settings, then try again.</source>
            <translation>Le proxy défini dans les réglages de votre système n’a pas permis de joindre Deriv. Vérifiez ces réglages, puis réessayez.</translation>
        </message>
        <message>
            <source>The proxy server %1 asks for a user name and password, and did not accept the ones given.</source>
            <translation>Le serveur proxy %1 demande un nom d’utilisateur et un mot de passe, et n’a pas accepté ceux fournis.</translation>
        </message>
        <message>
            <source>The proxy server %1 could not be reached: check its name and your network.</source>
            <translation>Le serveur proxy %1 est injoignable : vérifiez son nom et votre réseau.</translation>
        </message>
        <message>
            <source>The proxy server %1 did not answer in time. Check that it is running and that it is the kind of proxy chosen (HTTP or SOCKS5).</source>
            <translation>Le serveur proxy %1 n’a pas répondu à temps. Vérifiez qu’il fonctionne et qu’il est du type choisi (HTTP ou SOCKS5).</translation>
        </message>
        <message>
            <source>The proxy server %1 refused the connection: no proxy is running there.</source>
            <translation>Le serveur proxy %1 a refusé la connexion : aucun proxy n’y fonctionne.</translation>
        </message>
        <message>
            <source>The proxy server %1 would not connect to Deriv.</source>
            <translation>Le serveur proxy %1 a refusé de se connecter à Deriv.</translation>
        </message>
        <message>
            <source>The redirect URL in Settings cannot be used. Enter the URL registered for your app id, for example http://127.0.0.1/deriv-desktop/callback.</source>
            <translation>L’URL de redirection indiquée dans les Paramètres est inutilisable. Saisissez l’URL enregistrée pour votre ID d’application, par exemple http://127.0.0.1/deriv-desktop/callback.</translation>
        </message>
        <message>
            <source>The relay page address in Settings cannot be used: it must be the https address registered as your OAuth app's redirect URL.</source>
            <translation>L’adresse de la page relais indiquée dans les Paramètres est inutilisable : ce doit être l’adresse https enregistrée comme URL de redirection de votre application OAuth.</translation>
        </message>
        <message>
            <source>The secure connection to Deriv could not be set up. Check the server in Settings and your computer's date and time.</source>
            <translation>La connexion sécurisée à Deriv n’a pas pu être établie. Vérifiez le serveur dans les Paramètres ainsi que la date et l’heure de votre ordinateur.</translation>
        </message>
        <message>
            <source>The token does not look like a Deriv API token: tokens contain only letters, digits, '-' and '_'. Copy it again from Deriv's API token page.</source>
            <translation>Le jeton ne ressemble pas à un jeton d’API Deriv : un jeton ne contient que des lettres, des chiffres, « - » et « _ ». Copiez-le de nouveau depuis la page des jetons d’API de Deriv.</translation>
        </message>
        <message>
            <source>These tokens belong to different Deriv users. Sign in with one user's tokens.</source>
            <translation>Ces jetons appartiennent à des utilisateurs Deriv différents. Connectez-vous avec les jetons d’un seul utilisateur.</translation>
        </message>
        <message>
            <source>This API token was already deleted.</source>
            <translation>Ce jeton d’API a déjà été supprimé.</translation>
        </message>
        <message>
            <source>This address belongs to an older or different sign-in. Use the newest sign-in tab, or start again.</source>
            <translation>Cette adresse appartient à une connexion plus ancienne ou différente. Utilisez l’onglet de connexion le plus récent, ou recommencez.</translation>
        </message>
        <message>
            <source>This address could not be read. Copy the whole address from the browser's address bar and try again.</source>
            <translation>Cette adresse est illisible. Copiez l’adresse complète depuis la barre d’adresse du navigateur et réessayez.</translation>
        </message>
        <message>
            <source>This address does not belong to the current sign-in. Use the newest sign-in tab, or start again.</source>
            <translation>Cette adresse n’appartient pas à la connexion en cours. Utilisez l’onglet de connexion le plus récent, ou recommencez.</translation>
        </message>
        <message>
            <source>This computer does not let Deriv Desktop listen on port %1 of %2 (ports below 1024 usually need special permission). Paste the address your browser ends on, or sign in with an API token.</source>
            <translation>Cet ordinateur ne permet pas à Deriv Desktop d’écouter sur le port %1 de %2 (les ports inférieurs à 1024 demandent en général une autorisation spéciale). Collez l’adresse sur laquelle votre navigateur s’arrête, ou connectez-vous avec un jeton d’API.</translation>
        </message>
        <message>
            <source>This is already being updated live.</source>
            <translation>Ces données sont déjà actualisées en direct.</translation>
        </message>
        <message>
            <source>This is not a Deriv Desktop sign-in address.</source>
            <translation>Ce n’est pas une adresse de connexion de Deriv Desktop.</translation>
        </message>
        <message>
            <source>This sign-in is already complete.</source>
            <translation>Cette connexion est déjà terminée.</translation>
        </message>
        <message>
            <source>This sign-in timed out. Start again.</source>
            <translation>Le délai de cette connexion a expiré. Recommencez.</translation>
        </message>
        <message>
            <source>This sign-in was cancelled. Start again.</source>
            <translation>Cette connexion a été annulée. Recommencez.</translation>
        </message>
        <message>
            <source>Token %1 does not look like a Deriv API token: tokens contain only letters, digits, '-' and '_'. Copy it again from Deriv's API token page.</source>
            <translation>Le jeton %1 ne ressemble pas à un jeton d’API Deriv : un jeton ne contient que des lettres, des chiffres, « - » et « _ ». Copiez-le de nouveau depuis la page des jetons d’API de Deriv.</translation>
        </message>
        <message>
            <source>Windows does not let Deriv Desktop use port %1 on %2: it is reserved (often for Hyper-V, WSL or Docker) or held by another program. Paste the address your browser ends on, or sign in with an API token.</source>
            <translation>Windows ne permet pas à Deriv Desktop d’utiliser le port %1 de %2 : il est réservé (souvent pour Hyper-V, WSL ou Docker) ou occupé par un autre programme. Collez l’adresse sur laquelle votre navigateur s’arrête, ou connectez-vous avec un jeton d’API.</translation>
        </message>
        <message>
            <source>You chose not to give Deriv Desktop access on Deriv's page, so you are not signed in.</source>
            <translation>Vous avez choisi de ne pas donner accès à Deriv Desktop sur la page de Deriv : vous n’êtes donc pas connecté.</translation>
        </message>
        <message>
            <source>Your Deriv account was not reactivated, so you are not signed in.</source>
            <translation>Votre compte Deriv n’a pas été réactivé : vous n’êtes donc pas connecté.</translation>
        </message>
        <message>
            <source>Your Deriv sign-in has expired (access lasts an hour and could not be renewed). Sign in again.</source>
            <translation>Votre connexion à Deriv a expiré (l’accès dure une heure et n’a pas pu être renouvelé). Reconnectez-vous.</translation>
        </message>
        <message>
            <source>Your browser tried HTTPS for Deriv Desktop's local address (HTTPS-only mode?). Paste the address it ended on, or use an API token.</source>
            <translation>Votre navigateur a tenté d’utiliser HTTPS pour l’adresse locale de Deriv Desktop (mode HTTPS uniquement ?). Collez l’adresse sur laquelle il s’est arrêté, ou utilisez un jeton d’API.</translation>
        </message>
        <message>
            <source>Your saved sign-in could not be read because %1 Unlock the keyring and press Restore, or sign in again.</source>
            <translation>Votre connexion enregistrée n’a pas pu être lue, car %1 Déverrouillez le trousseau et appuyez sur « Rétablir la connexion enregistrée », ou reconnectez-vous.</translation>
        </message>
        <message>
            <source>Your saved sign-in could not be restored: %1 Press Restore to try again once Deriv is reachable.</source>
            <translation>Votre connexion enregistrée n’a pas pu être rétablie : %1 Appuyez sur « Rétablir la connexion enregistrée » pour réessayer quand Deriv sera joignable.</translation>
        </message>
        <message>
            <source>Your settings could not be saved because %1</source>
            <translation>Vos réglages n’ont pas pu être enregistrés, car %1</translation>
        </message>
        <message>
            <source>Your settings file was damaged, so Deriv Desktop started with its default settings and any saved sign-in was forgotten.</source>
            <translation>Votre fichier de réglages était endommagé ; Deriv Desktop a donc démarré avec ses réglages par défaut et toute connexion mémorisée a été oubliée.</translation>
        </message>
        <message>
            <source>Your sign-in does not allow this. Sign in with a token that has the access it needs.</source>
            <translation>Votre connexion ne le permet pas. Connectez-vous avec un jeton qui a les autorisations nécessaires.</translation>
        </message>
        <message>
            <source>Your sign-in won't be remembered because %1</source>
            <translation>Votre connexion ne sera pas mémorisée, car %1</translation>
        </message>
        <message>
            <source>Your system handed Deriv Desktop a sign-in address it does not accept (too long, or with hidden characters), so it was not used. If you were signing in, start again.</source>
            <translation>Votre système a transmis à Deriv Desktop une adresse de connexion qu’il n’accepte pas (trop longue, ou avec des caractères cachés), elle n’a donc pas été utilisée. Si vous étiez en train de vous connecter, recommencez.</translation>
        </message>
        <message>
            <source>Your system's proxy setting cannot be used: Deriv Desktop works with HTTP and SOCKS5 proxies.</source>
            <translation>Le proxy défini dans les réglages de votre système ne peut pas être utilisé : Deriv Desktop fonctionne avec les proxys HTTP et SOCKS5.</translation>
        </message>
        <message>
            <source>it no longer accepts your sign-in.</source>
            <translation>votre connexion n’est plus acceptée.</translation>
        </message>
        <message>
            <source>no system keyring is available on this computer.</source>
            <translation>aucun trousseau système n’est disponible sur cet ordinateur.</translation>
        </message>
        <message>
            <source>the disk is full.</source>
            <translation>le disque est plein.</translation>
        </message>
        <message>
            <source>the only keyring available stores secrets as plain text, which Deriv Desktop does not use.</source>
            <translation>le seul trousseau disponible stocke les secrets en clair, ce que Deriv Desktop refuse d’utiliser.</translation>
        </message>
        <message>
            <source>the settings file could not be written.</source>
            <translation>le fichier de réglages n’a pas pu être écrit.</translation>
        </message>
        <message>
            <source>the system keyring could not be used.</source>
            <translation>le trousseau système n’a pas pu être utilisé.</translation>
        </message>
        <message>
            <source>the system keyring did not answer (it may be waiting to be unlocked).</source>
            <translation>le trousseau système n’a pas répondu (il attend peut-être d’être déverrouillé).</translation>
        </message>
        <message>
            <source>the system keyring failed.</source>
            <translation>le trousseau système a rencontré une erreur.</translation>
        </message>
        <message>
            <source>the system keyring is locked or refused access.</source>
            <translation>le trousseau système est verrouillé ou a refusé l’accès.</translation>
        </message>
        <message>
            <source>your sign-in was deleted, on Deriv's website or in another app.</source>
            <translation>votre connexion a été supprimée, sur le site de Deriv ou dans une autre application.</translation>
        </message>
        <message>
            <source>your sign-in was revoked or has expired.</source>
            <translation>votre connexion a été révoquée ou a expiré.</translation>
        </message>
    </context>
    <context>
        <name>ProxyFields</name>
        <message>
            <source>As your system says (HTTPS_PROXY, ALL_PROXY and NO_PROXY on Linux).</source>
            <translation>Comme l’indique votre système (HTTPS_PROXY, ALL_PROXY et NO_PROXY sous Linux).</translation>
        </message>
        <message>
            <source>Connect to Deriv directly.</source>
            <translation>Se connecter directement à Deriv.</translation>
        </message>
        <message>
            <source>Enter the proxy server's name or IP address, without http://.</source>
            <translation>Saisissez le nom ou l’adresse IP du serveur proxy, sans http://.</translation>
        </message>
        <message>
            <source>Enter the proxy's port, a number from 1 to 65535.</source>
            <translation>Saisissez le port du proxy, un nombre de 1 à 65535.</translation>
        </message>
        <message>
            <source>Enter the user name that goes with the password.</source>
            <translation>Saisissez le nom d’utilisateur qui va avec le mot de passe.</translation>
        </message>
        <message>
            <source>Every connection to Deriv goes through this proxy. The password is kept in the system keyring.</source>
            <translation>Toutes les connexions à Deriv passent par ce proxy. Le mot de passe est conservé dans le trousseau du système.</translation>
        </message>
        <message>
            <source>HTTP proxy</source>
            <translation>Proxy HTTP</translation>
        </message>
        <message>
            <source>No proxy</source>
            <translation>Aucun proxy</translation>
        </message>
        <message>
            <source>P&amp;ort</source>
            <translation>P&amp;ort</translation>
        </message>
        <message>
            <source>Pass&amp;word</source>
            <translation>Mo&amp;t de passe</translation>
        </message>
        <message>
            <source>Proxy</source>
            <translation>Proxy</translation>
        </message>
        <message>
            <source>SOCKS5 proxy</source>
            <translation>Proxy SOCKS5</translation>
        </message>
        <message>
            <source>Ser&amp;ver</source>
            <translation>Ser&amp;veur</translation>
        </message>
        <message>
            <source>Use the system's proxy settings</source>
            <translation>Utiliser les réglages de proxy du système</translation>
        </message>
        <message>
            <source>User &amp;name</source>
            <translation>&amp;Nom d’utilisateur</translation>
        </message>
        <message>
            <source>e.g. 3128</source>
            <translation>p. ex. 3128</translation>
        </message>
        <message>
            <source>e.g. proxy.example.com</source>
            <translation>p. ex. proxy.example.com</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>facultatif</translation>
        </message>
    </context>
    <context>
        <name>ProxyPage</name>
        <message>
            <source>A change is saved at once and used from the next start of Deriv Desktop; the connection open now keeps its proxy until then.</source>
            <translation>Une modification est enregistrée tout de suite et utilisée au prochain démarrage de Deriv Desktop ; d’ici là, la connexion ouverte garde son proxy.</translation>
        </message>
        <message>
            <source>Connect t&amp;hrough</source>
            <translation>&amp;Passer par</translation>
        </message>
    </context>
    <context>
        <name>ScopePicker</name>
        <message>
            <source>&amp;Admin</source>
            <translation>&amp;Admin</translation>
        </message>
        <message>
            <source>&amp;Payments</source>
            <translation>&amp;Paiements</translation>
        </message>
        <message>
            <source>&amp;Read</source>
            <translation>&amp;Lecture</translation>
        </message>
        <message>
            <source>&amp;Trade</source>
            <translation>&amp;Trading</translation>
        </message>
        <message>
            <source>Anyone holding an Admin token can take control of this account and its money. Give it only to apps you trust completely.</source>
            <translation>Toute personne qui détient un jeton Admin peut prendre le contrôle de ce compte et de son argent. Ne le confiez qu’à des applications en qui vous avez une entière confiance.</translation>
        </message>
        <message>
            <source>Buy and sell contracts, renew expired purchases and top up demo accounts.</source>
            <translation>Acheter et vendre des contrats, renouveler les achats expirés et recharger les comptes démo.</translation>
        </message>
        <message>
            <source>Open accounts, change settings and create or delete tokens.</source>
            <translation>Ouvrir des comptes, modifier les paramètres et créer ou supprimer des jetons.</translation>
        </message>
        <message>
            <source>See balances, statements, trade history, limits and account settings.</source>
            <translation>Voir les soldes, les relevés, l’historique des transactions, les limites et les paramètres du compte.</translation>
        </message>
        <message>
            <source>See the history of your trades.</source>
            <translation>Voir l’historique de vos transactions.</translation>
        </message>
        <message>
            <source>Trading &amp;information</source>
            <translation>&amp;Informations de trading</translation>
        </message>
        <message>
            <source>Withdraw through payment agents and move money between your accounts.</source>
            <translation>Retirer des fonds via des agents de paiement et transférer de l’argent entre vos comptes.</translation>
        </message>
    </context>
    <context>
        <name>Scopes</name>
        <message>
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <source>Payments</source>
            <translation>Paiements</translation>
        </message>
        <message>
            <source>Read</source>
            <translation>Lecture</translation>
        </message>
        <message>
            <source>Trade</source>
            <translation>Trading</translation>
        </message>
        <message>
            <source>Trading information</source>
            <translation>Informations de trading</translation>
        </message>
    </context>
    <context>
        <name>SignInSettings</name>
        <message>
            <source>&amp;App ID</source>
            <translation>&amp;ID d’application</translation>
        </message>
        <message>
            <source>&amp;Built-in sandbox (offline)</source>
            <translation>&amp;Bac à sable intégré (hors ligne)</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>&amp;Annuler</translation>
        </message>
        <message>
            <source>&amp;Deriv (api.derivws.com)</source>
            <translation>&amp;Deriv (api.derivws.com)</translation>
        </message>
        <message>
            <source>&amp;Deriv (wss://ws.derivws.com)</source>
            <translation>&amp;Deriv (wss://ws.derivws.com)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Langue</translation>
        </message>
        <message>
            <source>&amp;Return address</source>
            <translation>Adresse de &amp;retour</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>A&amp;PI</source>
            <translation>A&amp;PI</translation>
        </message>
        <message>
            <source>C&amp;ustom server</source>
            <translation>&amp;Serveur personnalisé</translation>
        </message>
        <message>
            <source>Custom server address</source>
            <translation>Adresse du serveur personnalisé</translation>
        </message>
        <message>
            <source>Custom sign-in page</source>
            <translation>Page de connexion personnalisée</translation>
        </message>
        <message>
            <source>Deriv API v3 (legacy)</source>
            <extracomment>Shown in the relay page field until the user enters their own.</extracomment>
            <translation>API Deriv v3 (ancienne)</translation>
        </message>
        <message>
            <source>Deriv Des&amp;ktop link</source>
            <translation>Lien Deriv Des&amp;ktop</translation>
        </message>
        <message>
            <source>Deriv does not accept a port in a registered redirect URL; register it without one.</source>
            <translation>Deriv n’accepte pas de port dans une URL de redirection enregistrée ; enregistrez-la sans port.</translation>
        </message>
        <message>
            <source>Deriv sends you to this web page; paste the address it shows into Deriv Desktop.</source>
            <translation>Deriv vous envoie vers cette page web ; collez dans Deriv Desktop l’adresse qu’elle affiche.</translation>
        </message>
        <message>
            <source>Enter the App ID of the app you registered on developers.deriv.com.</source>
            <translation>Saisissez l'App ID de l'application enregistrée sur developers.deriv.com.</translation>
        </message>
        <message>
            <source>Enter the app id you registered with Deriv (api.deriv.com → Dashboard → Register application).</source>
            <translation>Saisissez l’ID de l’application que vous avez enregistrée auprès de Deriv (api.deriv.com → Dashboard → Register application).</translation>
        </message>
        <message>
            <source>Enter the custom server as a wss:// address (ws:// only for this computer).</source>
            <translation>Saisissez le serveur personnalisé sous forme d’adresse wss:// (ws:// uniquement pour cet ordinateur).</translation>
        </message>
        <message>
            <source>Enter the custom sign-in page as an https:// address.</source>
            <translation>Saisissez la page de connexion personnalisée sous forme d’adresse https://.</translation>
        </message>
        <message>
            <source>Enter the redirect URL exactly as registered for the app id, for example %1 or %2.</source>
            <translation>Saisissez l’URL de redirection exactement telle qu’elle est enregistrée pour l’ID d’application, par exemple %1 ou %2.</translation>
        </message>
        <message>
            <source>Enter the redirect URL registered for your OAuth app: http://127.0.0.1/deriv-desktop/callback, or the https:// address of your relay page. Leave it empty to sign in with a personal access token.</source>
            <translation>Saisissez l’URL de redirection enregistrée pour votre application OAuth : http://127.0.0.1/deriv-desktop/callback, ou l’adresse https:// de votre page relais. Laissez-la vide pour vous connecter avec un jeton d’accès personnel.</translation>
        </message>
        <message>
            <source>For accounts Deriv has moved to its new platform. It has no API tokens or connected apps; sign in with a personal access token or through your relay page.</source>
            <translation>Pour les comptes que Deriv a transférés vers sa nouvelle plateforme. Elle n'a ni jetons d'API ni applications connectées ; connectez-vous avec un jeton d'accès personnel ou via votre page relais.</translation>
        </message>
        <message>
            <source>For accounts on Deriv's WebSocket API v3.</source>
            <translation>Pour les comptes sur l'API WebSocket v3 de Deriv.</translation>
        </message>
        <message>
            <source>Leave it empty: the sandbox hosts the relay page and registers it for you.</source>
            <translation>Laissez vide : le bac à sable héberge la page relais et l'enregistre pour vous.</translation>
        </message>
        <message>
            <source>New Deriv API (developers.deriv.com)</source>
            <translation>Nouvelle API Deriv (developers.deriv.com)</translation>
        </message>
        <message>
            <source>Pro&amp;xy</source>
            <translation>Pro&amp;xy</translation>
        </message>
        <message>
            <source>S&amp;erver</source>
            <comment>the custom server's address field</comment>
            <translation>Serve&amp;ur</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Serveur</translation>
        </message>
        <message>
            <source>Si&amp;gn-in page</source>
            <translation>Pa&amp;ge de connexion</translation>
        </message>
        <message>
            <source>T&amp;his computer</source>
            <translation>&amp;Cet ordinateur</translation>
        </message>
        <message>
            <source>The App ID has letters, digits, '-' or '_' only.</source>
            <translation>L'App ID ne contient que des lettres, des chiffres, « - » ou « _ ».</translation>
        </message>
        <message>
            <source>The app id is a number of up to 10 digits.</source>
            <translation>L’ID d’application est un nombre de 10 chiffres au plus.</translation>
        </message>
        <message>
            <source>The sandbox registers this address for you, on a free port.</source>
            <translation>Le bac à sable enregistre cette adresse pour vous, sur un port libre.</translation>
        </message>
        <message>
            <source>Use:</source>
            <translation>Utiliser :</translation>
        </message>
        <message>
            <source>Where Deriv sends your browser back after you sign in: Deriv Desktop listens on this address of your own computer (port 80). If the system does not allow that, paste the address your browser ends on.</source>
            <translation>Là où Deriv renvoie votre navigateur après la connexion : Deriv Desktop écoute sur cette adresse de votre propre ordinateur (port 80). Si le système ne le permet pas, collez l’adresse sur laquelle votre navigateur s’arrête.</translation>
        </message>
        <message>
            <source>Where Deriv sends your browser back after you sign in: a link that opens Deriv Desktop (the installer sets it up).</source>
            <translation>Là où Deriv renvoie votre navigateur après la connexion : un lien qui ouvre Deriv Desktop (le programme d’installation le met en place).</translation>
        </message>
        <message>
            <source>Where Deriv sends your browser back after you sign in: the redirect URL you registered for your OAuth app, best http://127.0.0.1/deriv-desktop/callback, else the https address of your relay page (see the README). Leave it empty to sign in with a personal access token only.</source>
            <translation>Là où Deriv renvoie votre navigateur après la connexion : l’URL de redirection enregistrée pour votre application OAuth, de préférence http://127.0.0.1/deriv-desktop/callback, sinon l’adresse https de votre page relais (voir le README). Laissez-la vide pour vous connecter uniquement avec un jeton d’accès personnel.</translation>
        </message>
        <message>
            <source>Where Deriv sends your browser back after you sign in: the redirect URL you registered for your app id.</source>
            <translation>Là où Deriv renvoie votre navigateur après la connexion : l’URL de redirection enregistrée pour votre ID d’application.</translation>
        </message>
        <message>
            <source>e.g. 12345</source>
            <translation>p. ex. 12345</translation>
        </message>
        <message>
            <source>from developers.deriv.com</source>
            <translation>depuis developers.deriv.com</translation>
        </message>
    </context>
    <context>
        <name>SignInWindow</name>
        <message>
            <source>&amp;Cancel</source>
            <translation>&amp;Annuler</translation>
        </message>
        <message>
            <source>&amp;Continue without remembering</source>
            <translation>&amp;Continuer sans mémoriser</translation>
        </message>
        <message>
            <source>&amp;Copy link</source>
            <translation>&amp;Copier le lien</translation>
        </message>
        <message>
            <source>&amp;Log in with Deriv</source>
            <translation>&amp;Se connecter avec Deriv</translation>
        </message>
        <message>
            <source>&amp;Open again</source>
            <translation>&amp;Ouvrir à nouveau</translation>
        </message>
        <message>
            <source>&amp;Open in a browser here</source>
            <translation>&amp;Ouvrir dans un navigateur ici</translation>
        </message>
        <message>
            <source>&amp;Paste the address your browser ended on</source>
            <translation>Co&amp;llez l’adresse où votre navigateur s’est arrêté</translation>
        </message>
        <message>
            <source>&amp;Restore saved sign-in</source>
            <translation>&amp;Rétablir la connexion enregistrée</translation>
        </message>
        <message>
            <source>&amp;Submit</source>
            <translation>&amp;Valider</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Checking your API token with Deriv.</source>
            <translation>Vérification de votre jeton d’API auprès de Deriv.</translation>
        </message>
        <message>
            <source>Checking your personal access token with Deriv.</source>
            <translation>Vérification de votre jeton d'accès personnel auprès de Deriv.</translation>
        </message>
        <message>
            <source>Continue in your browser</source>
            <translation>Poursuivez dans votre navigateur</translation>
        </message>
        <message>
            <source>Copy the link, open it in a browser on any device and sign in. Then paste below the address the browser ends on, even if it shows an error page.</source>
            <translation>Copiez le lien, ouvrez-le dans un navigateur sur n’importe quel appareil et connectez-vous. Collez ensuite ci-dessous l’adresse où le navigateur s’arrête, même s’il affiche une page d’erreur.</translation>
        </message>
        <message>
            <source>Custom server</source>
            <translation>Serveur personnalisé</translation>
        </message>
        <message>
            <source>Deriv</source>
            <translation>Deriv</translation>
        </message>
        <message>
            <source>Deriv Desktop</source>
            <translation>Deriv Desktop</translation>
        </message>
        <message>
            <source>Deriv Desktop could not open your browser (it failed to start, or none was found). Copy the link and open it in your browser, then sign in on Deriv's page.</source>
            <translation>Deriv Desktop n’a pas pu ouvrir votre navigateur (il n’a pas démarré, ou aucun n’a été trouvé). Copiez le lien et ouvrez-le dans votre navigateur, puis connectez-vous sur la page de Deriv.</translation>
        </message>
        <message>
            <source>Deriv Desktop is running in WSL, where it cannot open your Windows browser by itself.</source>
            <translation>Deriv Desktop fonctionne dans WSL, d’où il ne peut pas ouvrir lui-même votre navigateur Windows.</translation>
        </message>
        <message>
            <source>Deriv Desktop is running over SSH, so it did not open a browser on this computer.</source>
            <translation>Deriv Desktop fonctionne via SSH, il n’a donc pas ouvert de navigateur sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Deriv Desktop logo</source>
            <translation>Logo de Deriv Desktop</translation>
        </message>
        <message>
            <source>Deriv answered. Opening your accounts…</source>
            <translation>Deriv a répondu. Ouverture de vos comptes…</translation>
        </message>
        <message>
            <source>Deriv's sign-in page for this attempt</source>
            <translation>La page de connexion de Deriv pour cette tentative</translation>
        </message>
        <message>
            <source>Deriv's sign-in page is open in your browser. After you allow access you'll come back here by yourself. Nothing opened? Copy the link or open it again.</source>
            <translation>La page de connexion de Deriv est ouverte dans votre navigateur. Une fois l’accès autorisé, vous reviendrez ici automatiquement. Rien ne s’est ouvert ? Copiez le lien ou ouvrez-le à nouveau.</translation>
        </message>
        <message>
            <source>Link copied. Open it in the browser you use for Deriv.</source>
            <translation>Lien copié. Ouvrez-le dans le navigateur que vous utilisez pour Deriv.</translation>
        </message>
        <message>
            <source>On the new Deriv API, signing in through the browser needs your OAuth app's App ID and your relay page (Settings). Paste a personal access token below instead.</source>
            <translation>Sur la nouvelle API Deriv, la connexion par le navigateur nécessite l'App ID de votre application OAuth et votre page relais (Paramètres). Collez plutôt un jeton d'accès personnel ci-dessous.</translation>
        </message>
        <message>
            <source>Open the sign-in link in your browser</source>
            <translation>Ouvrez le lien de connexion dans votre navigateur</translation>
        </message>
        <message>
            <source>Opening Deriv's sign-in page in your browser…</source>
            <translation>Ouverture de la page de connexion de Deriv dans votre navigateur…</translation>
        </message>
        <message>
            <source>Opening your accounts…</source>
            <translation>Ouverture de vos comptes…</translation>
        </message>
        <message>
            <source>Paste it here only, never into another site, chat or form, whoever asks: the address can sign someone else in to your account.</source>
            <translation>Collez-la ici uniquement, jamais dans un autre site, une discussion ou un formulaire, quelle que soit la personne qui le demande : cette adresse peut connecter quelqu’un d’autre à votre compte.</translation>
        </message>
        <message>
            <source>Sandbox</source>
            <translation>Bac à sable</translation>
        </message>
        <message>
            <source>Se&amp;ttings…</source>
            <translation>&amp;Paramètres…</translation>
        </message>
        <message>
            <source>Set on the command line for this run: %1. Saving here replaces them.</source>
            <translation>Défini en ligne de commande pour cette exécution : %1. Enregistrer ici remplace ces valeurs.</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>Settings saved.</source>
            <translation>Paramètres enregistrés.</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>Se &amp;déconnecter</translation>
        </message>
        <message>
            <source>Sign in from a browser on any device</source>
            <translation>Connectez-vous depuis un navigateur, sur n’importe quel appareil</translation>
        </message>
        <message>
            <source>Sign in on Deriv's page in your browser. Deriv Desktop cannot receive the answer by itself this time, so copy the address your browser ends on and paste it below.</source>
            <translation>Connectez-vous sur la page de Deriv dans votre navigateur. Cette fois, Deriv Desktop ne peut pas recevoir la réponse lui-même : copiez l’adresse sur laquelle votre navigateur s’arrête et collez-la ci-dessous.</translation>
        </message>
        <message>
            <source>Sign in on Deriv's page in your browser. Your browser hands the answer back to Deriv Desktop; if it doesn't, paste the address it ends on below.</source>
            <translation>Connectez-vous sur la page de Deriv dans votre navigateur. Celui-ci transmet la réponse à Deriv Desktop ; sinon, collez ci-dessous l’adresse sur laquelle il s’arrête.</translation>
        </message>
        <message>
            <source>Sign in to see every Deriv account with live balances.</source>
            <translation>Connectez-vous pour voir tous vos comptes Deriv et leurs soldes en direct.</translation>
        </message>
        <message>
            <source>Sign in — Deriv Desktop</source>
            <translation>Connexion — Deriv Desktop</translation>
        </message>
        <message>
            <source>Signing in through the browser needs the app id you registered with Deriv (Settings). Paste an API token below instead.</source>
            <translation>La connexion par le navigateur nécessite l’identifiant d’application enregistré auprès de Deriv (Paramètres). Collez plutôt un jeton d’API ci-dessous.</translation>
        </message>
        <message>
            <source>Signing you back in…</source>
            <translation>Reconnexion en cours…</translation>
        </message>
        <message>
            <source>Signing you in…</source>
            <translation>Connexion en cours…</translation>
        </message>
        <message>
            <source>Stop restoring the saved sign-in</source>
            <translation>Arrêter le rétablissement de la connexion enregistrée</translation>
        </message>
        <message>
            <source>Stop waiting (Esc)</source>
            <translation>Arrêter d’attendre (Échap)</translation>
        </message>
        <message>
            <source>This session has no screen for a browser, so Deriv Desktop did not open one.</source>
            <translation>Cette session n’a pas d’écran pour un navigateur, Deriv Desktop n’en a donc pas ouvert.</translation>
        </message>
        <message>
            <source>Use a &amp;personal access token instead</source>
            <translation>Utiliser plutôt un jeton d'accès &amp;personnel</translation>
        </message>
        <message>
            <source>Use an &amp;API token instead</source>
            <translation>Utiliser plutôt un jeton d’&amp;API</translation>
        </message>
        <message>
            <source>Using the sign-in saved in your system keyring.</source>
            <translation>Avec la connexion enregistrée dans votre trousseau système.</translation>
        </message>
        <message>
            <source>Waiting for your browser · %1 left</source>
            <translation>En attente de votre navigateur · encore %1</translation>
        </message>
        <message>
            <source>You can keep using Deriv Desktop now and sign in again next time, or sign out.</source>
            <translation>Vous pouvez continuer à utiliser Deriv Desktop maintenant et vous reconnecter la prochaine fois, ou vous déconnecter.</translation>
        </message>
        <message>
            <source>You can still sign in; Deriv Desktop forgets the session when it closes.</source>
            <translation>Vous pouvez quand même vous connecter ; Deriv Desktop oubliera la session à sa fermeture.</translation>
        </message>
        <message>
            <source>You'll sign in again next time.</source>
            <translation>Vous devrez vous reconnecter la prochaine fois.</translation>
        </message>
        <message>
            <source>You're signed in</source>
            <translation>Vous êtes connecté</translation>
        </message>
        <message>
            <source>You're signed in, but this sign-in won't be remembered</source>
            <translation>Vous êtes connecté, mais cette connexion ne sera pas mémorisée</translation>
        </message>
        <message>
            <source>Your browser opens Deriv's sign-in page. Deriv Desktop never sees your password.</source>
            <translation>Votre navigateur ouvre la page de connexion de Deriv. Deriv Desktop ne voit jamais votre mot de passe.</translation>
        </message>
        <message>
            <source>Your browser opens Deriv's sign-in page; your relay page hands the answer back. Deriv Desktop never sees your password.</source>
            <translation>Votre navigateur ouvre la page de connexion de Deriv ; votre page relais renvoie la réponse. Deriv Desktop ne voit jamais votre mot de passe.</translation>
        </message>
        <message>
            <source>app id</source>
            <translation>ID d’application</translation>
        </message>
        <message>
            <source>collapsed</source>
            <translation>replié</translation>
        </message>
        <message>
            <source>expanded</source>
            <translation>déplié</translation>
        </message>
        <message>
            <source>language</source>
            <translation>langue</translation>
        </message>
        <message>
            <source>new API</source>
            <translation>nouvelle API</translation>
        </message>
        <message>
            <source>redirect URL</source>
            <translation>URL de redirection</translation>
        </message>
        <message>
            <source>server</source>
            <translation>serveur</translation>
        </message>
        <message>
            <source>sign-in page</source>
            <translation>page de connexion</translation>
        </message>
    </context>
    <context>
        <name>TokenCreateForm</name>
        <message>
            <source>&amp;Use only from my current IP address</source>
            <translation>&amp;Utiliser uniquement depuis mon adresse IP actuelle</translation>
        </message>
        <message>
            <source>2 to 32 characters: letters, digits, spaces and underscores.</source>
            <translation>De 2 à 32 caractères : lettres, chiffres, espaces et traits de soulignement.</translation>
        </message>
        <message>
            <source>Choose at least one scope.</source>
            <translation>Choisissez au moins une autorisation.</translation>
        </message>
        <message>
            <source>Create a token</source>
            <translation>Créer un jeton</translation>
        </message>
        <message>
            <source>Create to&amp;ken</source>
            <translation>C&amp;réer le jeton</translation>
        </message>
        <message>
            <source>Creating…</source>
            <translation>Création…</translation>
        </message>
        <message>
            <source>Deriv doesn't allow names containing “deriv” or “binary”, in capitals or not.</source>
            <translation>Deriv n’accepte pas les noms contenant « deriv » ou « binary », en majuscules ou non.</translation>
        </message>
        <message>
            <source>Deriv will refuse this token from any other IP address. Leave it off if your address changes (mobile networks, VPNs).</source>
            <translation>Deriv refusera ce jeton depuis toute autre adresse IP. Laissez cette option désactivée si votre adresse change (réseaux mobiles, VPN).</translation>
        </message>
        <message>
            <source>Enter a name for the token.</source>
            <translation>Saisissez un nom pour le jeton.</translation>
        </message>
        <message>
            <source>For example: Trading bot</source>
            <translation>Par exemple : Robot de trading</translation>
        </message>
        <message>
            <source>Scopes</source>
            <translation>Autorisations</translation>
        </message>
        <message>
            <source>The name can be at most 32 characters long.</source>
            <translation>Le nom peut comporter 32 caractères au plus.</translation>
        </message>
        <message>
            <source>The name must be 2 to 32 characters long.</source>
            <translation>Le nom doit comporter de 2 à 32 caractères.</translation>
        </message>
        <message>
            <source>The name needs at least one letter or digit.</source>
            <translation>Le nom doit contenir au moins une lettre ou un chiffre.</translation>
        </message>
        <message>
            <source>This account already has %1 tokens, the most Deriv allows. Delete one to make room.</source>
            <translation>Ce compte a déjà %1 jetons, le maximum autorisé par Deriv. Supprimez-en un pour faire de la place.</translation>
        </message>
        <message>
            <source>This account already has a token with that name.</source>
            <translation>Ce compte a déjà un jeton portant ce nom.</translation>
        </message>
        <message>
            <source>Token na&amp;me</source>
            <translation>&amp;Nom du jeton</translation>
        </message>
        <message>
            <source>Use only letters, digits, spaces and underscores.</source>
            <translation>Utilisez uniquement des lettres, des chiffres, des espaces et des traits de soulignement.</translation>
        </message>
    </context>
    <context>
        <name>TokenDialog</name>
        <message>
            <source>%1 of %2 tokens</source>
            <translation>%1 jetons sur %2</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>&amp;Supprimer…</translation>
        </message>
        <message>
            <source>&amp;Hide token</source>
            <translation>&amp;Masquer le jeton</translation>
        </message>
        <message>
            <source>&amp;Show token</source>
            <translation>&amp;Voir le jeton</translation>
        </message>
        <message>
            <source>A token lets another app or a script act on this account within the scopes you choose. Create one with the form on the right.</source>
            <translation>Un jeton permet à une autre application ou à un script d’agir sur ce compte, dans les limites des autorisations que vous choisissez. Créez-en un avec le formulaire de droite.</translation>
        </message>
        <message>
            <source>API tokens</source>
            <translation>Jetons d’API</translation>
        </message>
        <message>
            <source>Apps and scripts using it stop working at once. This can't be undone.</source>
            <translation>Les applications et les scripts qui l’utilisent cesseront aussitôt de fonctionner. Cette action est irréversible.</translation>
        </message>
        <message>
            <source>Asking Deriv for this account's tokens.</source>
            <translation>Nous demandons à Deriv les jetons de ce compte.</translation>
        </message>
        <message>
            <source>Change the filter to see the other tokens.</source>
            <translation>Modifiez le filtre pour voir les autres jetons.</translation>
        </message>
        <message>
            <source>Cop&amp;y</source>
            <translation>&amp;Copier</translation>
        </message>
        <message>
            <source>Copy an Admin token?</source>
            <translation>Copier un jeton Admin ?</translation>
        </message>
        <message>
            <source>Copy anyway</source>
            <translation>Copier quand même</translation>
        </message>
        <message>
            <source>Copy it now and keep it somewhere safe. Anyone who has it can use this account within its scopes. You can show it again later with Show token.</source>
            <translation>Copiez-le maintenant et gardez-le en lieu sûr. Toute personne qui l’a peut utiliser ce compte dans les limites de ses autorisations. Vous pourrez le revoir plus tard avec « Voir le jeton ».</translation>
        </message>
        <message>
            <source>Copy it now and keep it somewhere safe: Deriv will not show it again.</source>
            <translation>Copiez-le maintenant et gardez-le en lieu sûr : Deriv ne l’affichera plus.</translation>
        </message>
        <message>
            <source>Copy n&amp;ew token</source>
            <translation>Copier le nouveau &amp;jeton</translation>
        </message>
        <message>
            <source>Copy the selected token (Ctrl+C)</source>
            <translation>Copier le jeton sélectionné (Ctrl+C)</translation>
        </message>
        <message>
            <source>Copy token</source>
            <translation>Copier le jeton</translation>
        </message>
        <message>
            <source>Delete and sign out</source>
            <translation>Supprimer et se déconnecter</translation>
        </message>
        <message>
            <source>Delete the selected token (Delete)</source>
            <translation>Supprimer le jeton sélectionné (Suppr)</translation>
        </message>
        <message>
            <source>Delete the token you are signed in with?</source>
            <translation>Supprimer le jeton avec lequel vous êtes connecté ?</translation>
        </message>
        <message>
            <source>Delete the token “%1”?</source>
            <translation>Supprimer le jeton « %1 » ?</translation>
        </message>
        <message>
            <source>Delete token</source>
            <translation>Supprimer le jeton</translation>
        </message>
        <message>
            <source>Delete token…</source>
            <translation>Supprimer le jeton…</translation>
        </message>
        <message>
            <source>Deriv Desktop holds no sign-in for any account right now, so there are no tokens to show.</source>
            <translation>Deriv Desktop n’est actuellement connecté à aucun compte : il n’y a donc aucun jeton à afficher.</translation>
        </message>
        <message>
            <source>Deriv Desktop is signed in with “%1”. Deleting it signs you out of Deriv Desktop straight away.</source>
            <translation>Deriv Desktop est connecté avec « %1 ». Le supprimer vous déconnecte immédiatement de Deriv Desktop.</translation>
        </message>
        <message>
            <source>Deriv allows listing, creating and deleting API tokens only from a sign-in that holds the Admin scope. The sign-in Deriv Desktop uses for %1 doesn't hold it.

To manage tokens here, log out and sign in again with an API token that has the Admin scope. You can create one on Deriv's API token page.</source>
            <translation>Deriv ne permet de lister, de créer et de supprimer des jetons d’API que depuis une connexion dotée de l’autorisation Admin. La connexion que Deriv Desktop utilise pour %1 ne l’a pas.

Pour gérer les jetons ici, déconnectez-vous puis reconnectez-vous avec un jeton d’API doté de l’autorisation Admin. Vous pouvez en créer un sur la page des jetons d’API de Deriv.</translation>
        </message>
        <message>
            <source>Deriv no longer shows this token's value, so it can't be copied.</source>
            <translation>Deriv n’affiche plus la valeur de ce jeton : elle ne peut donc pas être copiée.</translation>
        </message>
        <message>
            <source>Deriv shows a token's value only once, when it is created.</source>
            <translation>Deriv n’affiche la valeur d’un jeton qu’une seule fois, à sa création.</translation>
        </message>
        <message>
            <source>Do&amp;ne</source>
            <translation>Ter&amp;miné</translation>
        </message>
        <message>
            <source>Export token list</source>
            <translation>Exporter la liste des jetons</translation>
        </message>
        <message>
            <source>Loading tokens…</source>
            <translation>Chargement des jetons…</translation>
        </message>
        <message>
            <source>Name, scope or IP address</source>
            <translation>Nom, autorisation ou adresse IP</translation>
        </message>
        <message>
            <source>New token value</source>
            <translation>Valeur du nouveau jeton</translation>
        </message>
        <message>
            <source>No API tokens yet</source>
            <translation>Aucun jeton d’API pour l’instant</translation>
        </message>
        <message>
            <source>No token matches</source>
            <translation>Aucun jeton ne correspond</translation>
        </message>
        <message>
            <source>Open Deriv's API token page</source>
            <translation>Ouvrir la page des jetons d’API de Deriv</translation>
        </message>
        <message>
            <source>Paste it only into an app you trust. The clipboard is cleared after %1 seconds.</source>
            <translation>Ne le collez que dans une application de confiance. Le presse-papiers sera vidé au bout de %1 secondes.</translation>
        </message>
        <message>
            <source>Save names, scopes and dates as CSV; token values are left out</source>
            <translation>Enregistrer les noms, autorisations et dates au format CSV ; les valeurs des jetons sont exclues</translation>
        </message>
        <message>
            <source>Saved %1 tokens (without their values) to %2</source>
            <translation>%1 jetons enregistrés (sans leurs valeurs) dans %2</translation>
        </message>
        <message>
            <source>Sho&amp;w:</source>
            <translation>Affic&amp;her :</translation>
        </message>
        <message>
            <source>Show or hide the selected token's value</source>
            <translation>Afficher ou masquer la valeur du jeton sélectionné</translation>
        </message>
        <message>
            <source>Show or hide token</source>
            <translation>Afficher ou masquer le jeton</translation>
        </message>
        <message>
            <source>The token was created.</source>
            <translation>Le jeton a été créé.</translation>
        </message>
        <message>
            <source>The tokens could not be loaded</source>
            <translation>Impossible de charger les jetons</translation>
        </message>
        <message>
            <source>This sign-in can't manage API tokens</source>
            <translation>Cette connexion ne permet pas de gérer les jetons d’API</translation>
        </message>
        <message>
            <source>Token “%1” created.</source>
            <translation>Jeton « %1 » créé.</translation>
        </message>
        <message>
            <source>Token “%1” deleted.</source>
            <translation>Jeton « %1 » supprimé.</translation>
        </message>
        <message>
            <source>Used by this app</source>
            <translation>Utilisé par cette application</translation>
        </message>
        <message>
            <source>Whoever gets the token “%1” can open accounts, change your settings and create or delete tokens on this account.</source>
            <translation>Quiconque obtient le jeton « %1 » peut ouvrir des comptes, modifier vos paramètres et créer ou supprimer des jetons sur ce compte.</translation>
        </message>
        <message>
            <source>Yes, delete</source>
            <translation>Oui, supprimer</translation>
        </message>
        <message>
            <source>You will need to sign in again with another token or with your Deriv account. Other apps using this token stop working too. This can't be undone.</source>
            <translation>Vous devrez vous reconnecter avec un autre jeton ou avec votre compte Deriv. Les autres applications qui utilisent ce jeton cesseront aussi de fonctionner. Cette action est irréversible.</translation>
        </message>
        <message>
            <source>Your new token “%1”</source>
            <translation>Votre nouveau jeton « %1 »</translation>
        </message>
        <message>
            <source>“%1” copied. The clipboard will be cleared in %2 seconds if it still holds it.</source>
            <translation>« %1 » copié. Le presse-papiers sera vidé dans %2 secondes s’il le contient encore.</translation>
        </message>
        <message>
            <source>“%1” was not deleted: %2</source>
            <translation>« %1 » n’a pas été supprimé : %2</translation>
        </message>
    </context>
    <context>
        <name>TokenFilter</name>
        <message>
            <source>All tokens</source>
            <translation>Tous les jetons</translation>
        </message>
        <message>
            <source>Locked to an IP</source>
            <translation>Limités à une adresse IP</translation>
        </message>
        <message>
            <source>Never used</source>
            <translation>Jamais utilisés</translation>
        </message>
        <message>
            <source>With Admin scope</source>
            <translation>Avec l’autorisation Admin</translation>
        </message>
    </context>
    <context>
        <name>TokensModel</name>
        <message>
            <source>%1, used by this app</source>
            <translation>%1, utilisé par cette application</translation>
        </message>
        <message>
            <source>Admin: whoever holds this token can open accounts, change settings and manage tokens.</source>
            <translation>Admin : quiconque détient ce jeton peut ouvrir des comptes, modifier les paramètres et gérer les jetons.</translation>
        </message>
        <message>
            <source>Any address</source>
            <translation>Toute adresse</translation>
        </message>
        <message>
            <source>Deriv Desktop is signed in with this token.</source>
            <translation>Deriv Desktop est connecté avec ce jeton.</translation>
        </message>
        <message>
            <source>Deriv no longer shows this token's value.</source>
            <translation>Deriv n’affiche plus la valeur de ce jeton.</translation>
        </message>
        <message>
            <source>Hidden: double-click to show it, Ctrl+C copies it</source>
            <translation>Masqué : double-cliquez pour l’afficher, Ctrl+C pour le copier</translation>
        </message>
        <message>
            <source>IP lock</source>
            <translation>Restriction IP</translation>
        </message>
        <message>
            <source>Last used</source>
            <translation>Dernière utilisation</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Only works from %1</source>
            <translation>Fonctionne uniquement depuis %1</translation>
        </message>
        <message>
            <source>Press Ctrl+C to copy it</source>
            <translation>Appuyez sur Ctrl+C pour le copier</translation>
        </message>
        <message>
            <source>Scopes</source>
            <translation>Autorisations</translation>
        </message>
        <message>
            <source>Token</source>
            <translation>Jeton</translation>
        </message>
        <message>
            <source>Token value hidden</source>
            <translation>Valeur du jeton masquée</translation>
        </message>
        <message>
            <source>Token value shown</source>
            <translation>Valeur du jeton affichée</translation>
        </message>
        <message>
            <source>Works from any IP address</source>
            <translation>Fonctionne depuis n’importe quelle adresse IP</translation>
        </message>
    </context>
    <context>
        <name>TotalsBar</name>
        <message>
            <source>All real Deriv accounts, converted with the latest exchange rates.</source>
            <translation>Tous les comptes Deriv réels, convertis aux derniers taux de change.</translation>
        </message>
        <message>
            <source>Converted here with the latest exchange rates; indicative only.</source>
            <translation>Converti ici avec les derniers taux de change ; à titre indicatif.</translation>
        </message>
        <message>
            <source>Currency for the total</source>
            <translation>Devise du total</translation>
        </message>
        <message>
            <source>Demo total</source>
            <translation>Total démo</translation>
        </message>
        <message>
            <source>Exchange rates or balances are not available yet.</source>
            <translation>Les taux de change ou les soldes ne sont pas encore disponibles.</translation>
        </message>
        <message>
            <source>MT5</source>
            <translation>MT5</translation>
        </message>
        <message>
            <source>MT5 demo</source>
            <translation>MT5 démo</translation>
        </message>
        <message>
            <source>Real accounts in</source>
            <translation>Comptes réels en</translation>
        </message>
        <message>
            <source>Real total</source>
            <translation>Total réel</translation>
        </message>
        <message>
            <source>Show the real accounts' total in this currency</source>
            <translation>Afficher le total des comptes réels dans cette devise</translation>
        </message>
        <message>
            <source>Stale: not confirmed since the connection was lost.</source>
            <translation>Non confirmé depuis la perte de la connexion.</translation>
        </message>
        <message>
            <source>Your demo account's virtual funds.</source>
            <translation>Les fonds virtuels de votre compte démo.</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>&amp;Hide amounts</source>
            <translation>&amp;Masquer les montants</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Show Deriv Desktop</source>
            <translation>&amp;Afficher Deriv Desktop</translation>
        </message>
        <message>
            <source>&amp;Switch to</source>
            <translation>&amp;Basculer vers</translation>
        </message>
        <message>
            <source>Deriv Desktop</source>
            <translation>Deriv Desktop</translation>
        </message>
        <message>
            <source>Real accounts: %1</source>
            <translation>Comptes réels : %1</translation>
        </message>
    </context>
</TS>
