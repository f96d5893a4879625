0<?php
use RingCentral\SDK\SDK;

$platform = (new SDK('id', 'secret', SDK::SERVER_PRODUCTION))->platform();
// pwflow-ignore: ringcentral/php-password-login -- retired with the v1 API in Q3
$platform->login($user, $ext, $pw);
// Prose that mentions pwflow-ignore-files or "use pwflow-ignore comments" is not a directive.
