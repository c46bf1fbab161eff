package org.voxgate.sip;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;

/** Small helpers for reading users and numbers out of SIP and tel URIs. */
final class SipUris {
    private SipUris() {}

    /** The user part of a sip/sips URI or the number of a tel URI; empty when there is none. */
    static String userOf(URI uri) {
        if (uri instanceof SipURI sip) {
            return sip.getUser() == null ? "" : sip.getUser();
        }
        if (uri instanceof TelURL tel) {
            return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        return "";
    }
}
