// MSAL4J: username/password.
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.UserNamePasswordParameters;

class Entra {
    Object token(PublicClientApplication app, java.util.Set<String> scopes, String user) throws Exception {
        return app.acquireToken(UserNamePasswordParameters.builder(scopes, user, "S3cr3t!".toCharArray()).build()).get(); // expect: oauth-ropc/msal-username-password
    }
}
