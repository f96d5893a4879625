package com.example.raw;

import java.util.HashMap;
import java.util.Map;

// RingCentral code with other grants.
public class OtherGrants {
    static final String TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token";
    static final String GRANT = "authorization_code";

    public static Map<String, String> jwt() {
        Map<String, String> params = new HashMap<>();
        params.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        params.put("assertion", System.getenv("RC_JWT"));
        String body = "grant_type=" + GRANT + "&code=" + System.getenv("CODE");
        String reset = "grant_type=password_reset&user=x";
        String refresh = "grant_type=refresh_token&refresh_token=" + System.getenv("RT");
        return params;
    }
}
