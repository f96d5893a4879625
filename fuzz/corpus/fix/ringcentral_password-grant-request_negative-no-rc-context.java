package com.example.keycloak;

import java.util.HashMap;
import java.util.Map;

// Keycloak, not RingCentral: belongs to oauth-ropc/password-grant-request.
public class KeycloakLogin {
    public static Map<String, String> form(String user, String pw) {
        Map<String, String> params = new HashMap<>();
        params.put("grant_type", "password");
        params.put("username", user);
        params.put("password", pw);
        String body = "grant_type=password&client_id=admin-cli&username=" + user;
        return params;
    }
}
