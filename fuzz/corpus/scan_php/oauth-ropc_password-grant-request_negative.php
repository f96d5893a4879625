<?php

// Token requests with other grant types (no telephony provider here).

use GuzzleHttp\Client;
use Illuminate\Support\Facades\Http;

$http = new Client(['base_uri' => 'https://api.acme.example']);

// Machine-to-machine: client credentials, not grant_type=password.
$http->post('/oauth/token', [
    'form_params' => [
        'grant_type' => 'client_credentials',
        'client_id' => getenv('ACME_CLIENT_ID'),
        'client_secret' => getenv('ACME_CLIENT_SECRET'),
    ],
]);

$http->post('/oauth/token', [
    'form_params' => [
        'grant_type' => 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        'assertion' => getenv('ACME_JWT'),
    ],
]);

Http::asForm()->post(url('/oauth/token'), [
    'grant_type' => 'authorization_code',
    'client_id' => config('passport.client.id'),
    'client_secret' => config('passport.client.secret'),
    'redirect_uri' => url('/callback'),
    'code' => $_GET['code'] ?? '',
]);

$refresh = 'grant_type=refresh_token&refresh_token=' . urlencode($_COOKIE['refresh_token'] ?? '');
$reset = "grant_type=password_reset&email=" . urlencode($_POST['email'] ?? '');
$label = 'Password';
# The old code used 'grant_type' => 'password' here.
