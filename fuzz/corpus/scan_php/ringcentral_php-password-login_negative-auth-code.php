<?php

// Auth-code flow with PKCE (ringcentral-api-docs quick start style).

require('vendor/autoload.php');

session_start();

$rcsdk = new RingCentral\SDK\SDK($_ENV['RC_CLIENT_ID'], $_ENV['RC_CLIENT_SECRET'], 'https://platform.ringcentral.com');
$platform = $rcsdk->platform();
$callbackUrl = $_ENV['RC_REDIRECT_URL'];

function base64url(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

if (!isset($_GET['code'])) {
    $verifier = base64url(random_bytes(32));
    $_SESSION['codeVerifier'] = $verifier;

    $url = $platform->authUrl([
        'redirectUri' => $callbackUrl,
        'state' => 'initialState',
        'code_challenge' => base64url(hash('sha256', $verifier, true)),
        'code_challenge_method' => 'S256',
    ]);
    header('Location: ' . $url);
    exit;
}

function loginWithCode($platform, string $code, string $callbackUrl): void
{
    $platform->login(['code' => $code, 'redirectUri' => $callbackUrl, 'codeVerifier' => $_SESSION['codeVerifier']]);
}

function loginFromRedirect($platform): void
{
    $platform->login($platform->parseAuthRedirectUrl($_SERVER['QUERY_STRING']));
}

function loginFromRedirectWithCallback($platform, string $qs, string $callbackUrl): void
{
    $platform->login($platform->parseAuthRedirectUrl($qs) + ['redirectUri' => $callbackUrl]);
}

$code = $_GET['code'];
loginWithCode($platform, $code, $callbackUrl);

$_SESSION['sessionAccessToken'] = $platform->auth()->data();
