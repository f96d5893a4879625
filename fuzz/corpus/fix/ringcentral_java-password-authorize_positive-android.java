package com.example.rcandroid;

import android.os.Bundle;
import android.support.v7.app.AppCompatActivity;

import com.ringcentral.rcandroid.SDK;
import com.ringcentral.rcandroid.http.Callback;
import com.ringcentral.rcandroid.http.APIResponse;

// vyshakhbabji/ringcentral-android: SDK.getPlatform().authorize(u, ext, pw, callback).
public class LoginActivity extends AppCompatActivity {
    SDK sdk;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        sdk = new SDK(getString(R.string.app_key), getString(R.string.app_secret), SDK.Server.SANDBOX);
        sdk.getPlatform().authorize("16505550100", "101", "hunter2", new Callback() { // expect: ringcentral/java-password-authorize
            @Override
            public void onResponse(APIResponse response) {
                startActivity(new android.content.Intent(LoginActivity.this, MainActivity.class));
            }

            @Override
            public void onFailure(Exception e) {
                e.printStackTrace();
            }
        });
    }

    void retry(String user, String ext, String pw, Callback callback) {
        sdk.platform.authorize(user, ext, pw, callback); // expect: ringcentral/java-password-authorize
    }
}
