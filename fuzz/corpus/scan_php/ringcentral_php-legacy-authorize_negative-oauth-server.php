<?php

// Our own OAuth 2.0 authorization server (no telephony SDK here).

require __DIR__ . '/../vendor/autoload.php';

use App\OAuth\AuthorizationServer;
use App\OAuth\Request;
use App\OAuth\Response;

$server = new AuthorizationServer($storage, [
    'enforce_state' => true,
    'allow_implicit' => false,
]);

$request = Request::createFromGlobals();
$response = new Response();

if (!$server->validateAuthorizeRequest($request, $response)) {
    $response->send();
    exit;
}

$isAuthorized = ($_POST['authorized'] ?? '') === 'yes';
$server->authorize($request, $response, $isAuthorized, $_SESSION['user_id']);
$server->authorize($username, $scope, $password);

$response->send();
