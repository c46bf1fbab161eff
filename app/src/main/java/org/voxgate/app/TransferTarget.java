package org.voxgate.app;

/** Where a transfer's second call goes. Immutable. */
sealed interface TransferTarget {
    /** A SIP URI as configured (an operator desk on a PBX). */
    record Uri(String uri) implements TransferTarget {}

    /** A SIP user registered with this node: all its contacts ring, the first to answer wins. */
    record User(String username) implements TransferTarget {}

    /** A telephone number, called through a trunk. */
    record Number(String number, String trunk) implements TransferTarget {}
}
