<?php

// RingCentral token requests that are NOT the password grant.

const RC_TOKEN_URL = 'https://platform.ringcentral.com/restapi/oauth/token';

function jwtBody(string $jwt): string
{
    return 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=' . urlencode($jwt);
}

function jwtBodyEncoded(string $jwt): string
{
    return "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={$jwt}";
}

function jwtHeredoc(string $jwt): string
{
    return <<<BODY
grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion={$jwt}
BODY;
}

function authCodeBody(string $code, string $redirectUri): string
{
    return "grant_type=authorization_code&code={$code}&redirect_uri=" . urlencode($redirectUri);
}

function refreshBody(string $refreshToken): string
{
    return 'grant_type=refresh_token&refresh_token=' . $refreshToken;
}

function resetBody(string $user): string
{
    // Internal helpdesk tool, not an OAuth grant.
    return 'grant_type=password_reset&user=' . urlencode($user);
}

function passwordlessBody(string $email): string
{
    return 'grant_type=passwordless&email=' . urlencode($email);
}

function clientCredentials(): array
{
    return ['grant_type' => 'client_credentials', 'client_id' => getenv('RC_CLIENT_ID')];
}

function jwtArray(): array
{
    return [
        'grant_type' => 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        'assertion' => getenv('RC_JWT'),
    ];
}

function privateKeyJwtClientAuth(string $code, string $assertion): array
{
    return [
        'grant_type' => 'authorization_code',
        'code' => $code,
        'client_assertion_type' => 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        'client_assertion' => $assertion,
    ];
}

// We used to post grant_type=password&username=...&password=... here; RingCentral ended that on 2024-03-31.
$note = 'The password grant type is deprecated. Use the JWT flow (RC_JWT) instead.';
$error = 'OAU-251 Unauthorized for this grant type';
$label = 'Password';
