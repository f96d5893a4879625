package com.example.sync;

import java.io.FileInputStream;
import java.util.Properties;

import com.ringcentral.RestClient;

// Credentials from a properties file and from a config object: the JWT is read the same way.
public class ContactSync {
    private static final String PASSWORD = "S3cr3t!";

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.load(new FileInputStream("rc.properties"));
        RestClient restClient = new RestClient(props.getProperty("clientId"), props.getProperty("clientSecret"), false);
        restClient.authorize(props.getProperty("username"), props.getProperty("extension"), props.getProperty("password")); // expect: ringcentral/java-password-authorize

        Config config = Config.load();
        RestClient rc = new RestClient(config.getClientId(), config.getClientSecret(), config.getServer());
        rc.authorize(config.getUsername(), config.getExtension(), config.getPassword()); // expect: ringcentral/java-password-authorize
        rc.authorize("16505550100", "", PASSWORD); // expect: ringcentral/java-password-authorize
    }
}
