package com.example.fax;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetTokenRequest;

// Already migrated: JWT (one argument) and authorization code (two arguments).
public class Migrated {
    public static void main(String[] args) throws Exception {
        RestClient rc = new RestClient(System.getenv("RC_CLIENT_ID"), System.getenv("RC_CLIENT_SECRET"), RestClient.PRODUCTION_SERVER);
        rc.authorize(System.getenv("RC_JWT"));
        rc.authorize(args[0], "https://example.com/oauth/callback");
        String url = rc.authorizeUri("https://example.com/oauth/callback", "state");
        rc.authorize(new GetTokenRequest().grant_type("authorization_code").code(args[0]).redirect_uri(url));
        rc.revoke();
    }
}
