package com.example.token;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetTokenRequest;

// Other grants: authorization code with PKCE, refresh, JWT.
public class OtherGrants {
    public static void main(String[] args) throws Exception {
        RestClient rc = new RestClient(System.getenv("RC_CLIENT_ID"), System.getenv("RC_CLIENT_SECRET"), RestClient.PRODUCTION_SERVER);
        rc.authorize(new GetTokenRequest().grant_type("authorization_code").code(args[0]).redirect_uri(args[1]).code_verifier(args[2]));
        rc.authorize(new GetTokenRequest().grant_type("refresh_token").refresh_token(rc.token.refresh_token));
        rc.authorize(new GetTokenRequest().grant_type("urn:ietf:params:oauth:grant-type:jwt-bearer").assertion(System.getenv("RC_JWT")));
        PasswordResetRequest reset = new PasswordResetRequest().password("password");
        String grant_type = "password";
    }
}
