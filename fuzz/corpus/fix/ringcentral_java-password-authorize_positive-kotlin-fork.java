package com.example.bot;

// tylerlong/ringcentral-kotlin: a Java fork of the SDK with the same RestClient and overloads.
import com.ringcentral.RestClient;
import com.ringcentral.definitions.GetExtensionInfoResponse;

public class Bot {
    public static void main(String[] args) throws Exception {
        RestClient rc = new RestClient(args[0], args[1], "https://platform.ringcentral.com");
        String username = System.getenv("RC_USERNAME");
        String extension = System.getenv("RC_EXTENSION");
        String password = System.getenv("RC_PASSWORD");
        rc.authorize(username, extension, password); // expect: ringcentral/java-password-authorize
        GetExtensionInfoResponse ext = rc.restapi().account().extension().get();
        System.out.println(ext.name);
    }
}
