package com.example.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

// Not RingCentral: an authorization service with a three-argument authorize().
public class Access {
    private final PolicyService policies;

    Access(PolicyService policies) {
        this.policies = policies;
    }

    boolean check(String user, String resource, String action) {
        policies.authorize(user, resource, action);
        UsernamePasswordAuthenticationToken token = new UsernamePasswordAuthenticationToken(user, "password");
        return authorize(user, resource, action);
    }

    boolean authorize(String user, String resource, String action) {
        return true;
    }
}
