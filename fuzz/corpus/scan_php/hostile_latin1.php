<?php
// café
$platform = $rcsdk->platform();
$platform->login('ué', '101', 'päss');
