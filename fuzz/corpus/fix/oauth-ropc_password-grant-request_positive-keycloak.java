package com.example.keycloak;

import java.util.HashMap;
import java.util.Map;

// Keycloak's token endpoint with the password grant (no RingCentral context).
public class KeycloakLogin {
    static final String GRANT = "password";

    public static Map<String, String> form(String user, String pw) {
        Map<String, String> params = new HashMap<>();
        params.put("grant_type", "password"); // expect: oauth-ropc/password-grant-request
        params.put("username", user);
        params.put("password", pw);
        String body = "grant_type=password&client_id=admin-cli&username=" + user; // expect: oauth-ropc/password-grant-request
        String built = "grant_type=" + GRANT + "&client_id=admin-cli"; // expect: oauth-ropc/password-grant-request
        return params;
    }
}
