package com.example.raw;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.http.NameValuePair;
import org.apache.http.message.BasicNameValuePair;

// Hand-built token requests against /restapi/oauth/token.
public class RawToken {
    static final String TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token";
    static final String GRANT = "password";

    public static String token(String user, String ext, String pw) throws Exception {
        String basic = Base64.getEncoder().encodeToString((System.getenv("RC_CLIENT_ID") + ":" + System.getenv("RC_CLIENT_SECRET")).getBytes());
        String body = "grant_type=password&username=" + user + "&extension=" + ext + "&password=" + pw; // expect: ringcentral/password-grant-request
        String fixed = "grant_type=password&username=16505550100&extension=101&password=hunter2"; // expect: ringcentral/password-grant-request
        String built = "grant_type=" + GRANT + "&username=" + user + "&password=" + pw; // expect: ringcentral/password-grant-request
        HttpRequest request = HttpRequest.newBuilder(URI.create(TOKEN_URL))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body() + fixed + built;
    }

    public static List<NameValuePair> form(String user, String pw) {
        List<NameValuePair> params = new ArrayList<>();
        params.add(new BasicNameValuePair("grant_type", "password")); // expect: ringcentral/password-grant-request
        params.add(new BasicNameValuePair("username", user));
        params.add(new BasicNameValuePair("password", pw));
        return params;
    }

    public static Map<String, String> map(String user, String pw) {
        Map<String, String> params = new HashMap<>();
        params.put("grant_type", "password"); // expect: ringcentral/password-grant-request
        params.put("username", user);
        params.put("password", pw);
        Map<String, String> other = Map.of("grant_type", "password", "username", user, "password", pw); // expect: ringcentral/password-grant-request
        other.size();
        return params;
    }
}
