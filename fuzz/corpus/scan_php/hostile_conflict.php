<?php
$platform = $rcsdk->platform();
<<<<<<< HEAD
$platform->login('u', '101', 'pw');
=======
$platform->login(['jwt' => getenv('RC_JWT')]);
>>>>>>> main
