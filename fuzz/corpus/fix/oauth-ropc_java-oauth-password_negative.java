// Look-alikes: springfox's Swagger description, a password-reset DTO, other grants.
import springfox.documentation.service.ResourceOwnerPasswordCredentialsGrant;

class Docs {
    void configure() {
        Object docs = new ResourceOwnerPasswordCredentialsGrant("https://id.example.org/oauth/token");
        PasswordTokenRequest reset = new PasswordTokenRequest();
        reset.setPassword(newPassword);
        Object provider = OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build();
        Object grantType = AuthorizationGrantType.CLIENT_CREDENTIALS;
        Object token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        Object p = builder.password();
    }
}
