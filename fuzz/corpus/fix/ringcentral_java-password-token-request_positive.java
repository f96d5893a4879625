package com.example.token;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetTokenRequest;
import com.ringcentral.definitions.TokenInfo;

public class TokenLogin {
    private static final String GRANT_TYPE = "password";

    public static void main(String[] args) throws Exception {
        RestClient rc = new RestClient(System.getenv("RC_CLIENT_ID"), System.getenv("RC_CLIENT_SECRET"), RestClient.PRODUCTION_SERVER);
        rc.authorize(new GetTokenRequest().grant_type("password").username(System.getenv("RC_USERNAME")).extension(System.getenv("RC_EXTENSION")).password(System.getenv("RC_PASSWORD"))); // expect: ringcentral/java-password-token-request

        TokenInfo token = rc.restapi().oauth().token().post(
            new GetTokenRequest() // expect: ringcentral/java-password-token-request
                .grant_type(GRANT_TYPE)
                .username("16505550100")
                .password("hunter2")
                .access_token_ttl(3600L));
        System.out.println(token.access_token);
    }

    static void separate(RestClient rc) throws Exception {
        GetTokenRequest request = new GetTokenRequest();
        request.grant_type("password"); // expect: ringcentral/java-password-token-request
        request.username(System.getenv("RC_USERNAME"));
        request.password(System.getenv("RC_PASSWORD"));
        rc.authorize(request);

        GetTokenRequest fields = new GetTokenRequest();
        fields.grant_type = "password"; // expect: ringcentral/java-password-token-request
        fields.username = System.getenv("RC_USERNAME");
        fields.password = System.getenv("RC_PASSWORD");
        rc.authorize(fields);
    }
}
