<?php
use RingCentral\SDK\SDK;

$platform = (new SDK(getenv('RC_CLIENT_ID'), getenv('RC_CLIENT_SECRET'), SDK::SERVER_PRODUCTION))->platform();

/* pwflow-ignore: ringcentral/php-password-login -- migrated in #123 */ // expect: pwflow/unused-suppression
$platform->login(['jwt' => getenv('RC_JWT')]);

/* pwflow-ignore-file: ringcentral/password-grant-request -- no raw requests left */ // expect: pwflow/unused-suppression
