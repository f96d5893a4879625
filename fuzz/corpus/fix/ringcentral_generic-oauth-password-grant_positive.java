// Spring Security OAuth (legacy) pointed at RingCentral.
import org.springframework.security.oauth2.client.OAuth2RestTemplate;
import org.springframework.security.oauth2.client.token.grant.password.ResourceOwnerPasswordResourceDetails;

class RingCentralClient {
    OAuth2RestTemplate template() {
        ResourceOwnerPasswordResourceDetails details = new ResourceOwnerPasswordResourceDetails(); // expect: ringcentral/generic-oauth-password-grant
        details.setAccessTokenUri("https://platform.ringcentral.com/restapi/oauth/token");
        details.setUsername(System.getenv("RC_USERNAME"));
        details.setPassword(System.getenv("RC_PASSWORD"));
        return new OAuth2RestTemplate(details);
    }
}
