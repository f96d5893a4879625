0<?php

// Hand-rolled token requests against the RingCentral token endpoint (no SDK).

const RC_SERVER = 'https://platform.ringcentral.com';
const TOKEN_URL = RC_SERVER . '/restapi/oauth/token';

function tokenWithCurl(string $username, string $extension, string $password): array
{
    $ch = curl_init(TOKEN_URL);
    curl_setopt($ch, CURLOPT_POST, true);
    curl_setopt($ch, CURLOPT_USERPWD, getenv('RC_CLIENT_ID') . ':' . getenv('RC_CLIENT_SECRET'));
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/x-www-form-urlencoded', 'Accept: application/json']);
    curl_setopt($ch, CURLOPT_POSTFIELDS, 'grant_type=password&username=' . urlencode($username) . '&extension=' . urlencode($extension) . '&password=' . urlencode($password)); // expect: ringcentral/password-grant-request
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $json = curl_exec($ch);
    curl_close($ch);

    return json_decode($json, true);
}

function bodyDoubleQuoted(string $u, string $p): string
{
    return "grant_type=password&username={$u}&password={$p}&access_token_ttl=3600&refresh_token_ttl=604800"; // expect: ringcentral/password-grant-request
}

function bodyCurlOrder(string $u, string $p): string
{
    return "username=$u&password=$p&extension=101&grant_type=password"; // expect: ringcentral/password-grant-request
}

function bodyConcatenated(string $u, string $p): string
{
    return 'grant_type=' . 'password' . '&username=' . rawurlencode($u) . '&password=' . rawurlencode($p); // expect: ringcentral/password-grant-request
}

function bodyConcatenatedMultiline(string $u, string $p): string
{
    return 'grant_type=' // expect: ringcentral/password-grant-request
        . 'password'
        . '&username=' . rawurlencode($u)
        . '&password=' . rawurlencode($p);
}

function bodyHttpBuildQuery(string $u, string $ext, string $p): string
{
    return http_build_query([
        'grant_type' => 'password', // expect: ringcentral/password-grant-request
        'username' => $u,
        'extension' => $ext,
        'password' => $p,
    ]);
}

function bodyLongArray(): array
{
    return array(
        "grant_type" => "password", // expect: ringcentral/password-grant-request
        "username" => getenv('RC_USERNAME'),
        "password" => 'hunter2',
    );
}

// Refresh requests in the same file are fine
function refreshBody(string $refreshToken): string
{
    return http_build_query(['grant_type' => 'refresh_token', 'refresh_token' => $refreshToken]);
}
