package com.example.fax;

import com.ringcentral.RestClient;
import com.ringcentral.definitions.TokenInfo;

// com.ringcentral:ringcentral 1.x / 2.x: the three-String overload (removed in 3.3.0).
public class FaxJob {
    private final RestClient rc;

    public FaxJob() throws Exception {
        rc = new RestClient(System.getenv("RC_CLIENT_ID"), System.getenv("RC_CLIENT_SECRET"), RestClient.PRODUCTION_SERVER);
        rc.authorize(System.getenv("RC_USERNAME"), System.getenv("RC_EXTENSION"), System.getenv("RC_PASSWORD")); // expect: ringcentral/java-password-authorize
    }

    static TokenInfo login(RestClient client) throws Exception {
        return client.authorize("+16505550100", "101", "hunter2"); // expect: ringcentral/java-password-authorize
    }

    void relogin() throws Exception {
        this.rc.authorize( // expect: ringcentral/java-password-authorize
            System.getenv("RINGCENTRAL_USERNAME"),
            System.getenv("RINGCENTRAL_EXTENSION"),
            System.getenv("RINGCENTRAL_PASSWORD"));
    }
}
