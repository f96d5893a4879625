package com.example.report;

import java.util.Properties;

import com.ringcentral.RestClient;

// Credentials read into local variables first: the JWT is read the way the password was.
public class CallLogReport {
    private final String fieldPassword;

    CallLogReport(Settings settings) {
        this.fieldPassword = settings.getPassword();
    }

    void run(Properties props) throws Exception {
        RestClient rc = new RestClient(props.getProperty("rc.clientId"), props.getProperty("rc.clientSecret"), RestClient.PRODUCTION_SERVER);
        String user = props.getProperty("rc.username");
        String pw = props.getProperty("rc.password");
        rc.authorize(user, "", pw); // expect: ringcentral/java-password-authorize
    }

    void again(RestClient rc) throws Exception {
        rc.authorize("16505550100", "101", fieldPassword); // expect: ringcentral/java-password-authorize
    }
}
