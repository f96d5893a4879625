// Java OAuth clients configured for the password grant.
import com.github.scribejava.core.oauth.OAuth20Service;
import com.google.api.client.auth.oauth2.PasswordTokenRequest;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.Secret;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.token.grant.password.ResourceOwnerPasswordAccessTokenProvider;
import org.springframework.security.oauth2.client.token.grant.password.ResourceOwnerPasswordResourceDetails;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

class Clients {
    void configure(OAuth20Service service, String user, String password) throws Exception {
        ResourceOwnerPasswordResourceDetails details = new ResourceOwnerPasswordResourceDetails(); // expect: oauth-ropc/java-oauth-password
        Object provider = new ResourceOwnerPasswordAccessTokenProvider(); // expect: oauth-ropc/java-oauth-password
        Object modern = OAuth2AuthorizedClientProviderBuilder.builder()
            .password() // expect: oauth-ropc/java-oauth-password
            .refreshToken()
            .build();
        Object grantType = AuthorizationGrantType.PASSWORD; // expect: oauth-ropc/java-oauth-password
        Object token = service.getAccessTokenPasswordGrant(user, "S3cr3t!"); // expect: oauth-ropc/java-oauth-password
        Object grant = new ResourceOwnerPasswordCredentialsGrant(user, new Secret("hunter2")); // expect: oauth-ropc/java-oauth-password
        Object google = new PasswordTokenRequest(transport, jsonFactory, tokenUrl, user, password).execute(); // expect: oauth-ropc/java-oauth-password
        Object p5 = new PasswordOAuth2AuthorizedClientProvider(); // expect: oauth-ropc/java-oauth-password
        Object req = new OAuth2PasswordGrantRequest(registration, user, password); // expect: oauth-ropc/java-oauth-password
        Object rc = new org.springframework.security.oauth2.client.endpoint.DefaultPasswordTokenResponseClient(); // expect: oauth-ropc/java-oauth-password
    }
}
