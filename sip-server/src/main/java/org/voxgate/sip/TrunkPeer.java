package org.voxgate.sip;

/**
 * A trunk's far end as the SIP layer needs it for OPTIONS keep-alive and registration.
 *
 * <p>Immutable. {@link #toString()} leaves the password out.
 *
 * @param name the trunk's name
 * @param host carrier host (name or IP)
 * @param port carrier port
 * @param transport {@code udp} or {@code tcp}
 * @param username digest user for challenges and the REGISTER address, or {@code null}
 * @param password digest password, or {@code null}
 * @param register whether to keep a registration with the carrier
 * @param registerExpiry Expires to ask for, in seconds
 * @param domain domain of the registered address of record ({@code null}: the host)
 */
public record TrunkPeer(String name, String host, int port, String transport, String username, String password,
        boolean register, int registerExpiry, String domain) {

    /** {@code sip:host:port;transport=x}: where OPTIONS and REGISTER go. */
    String uri() {
        return "sip:" + host + ":" + port + ("udp".equals(transport) ? "" : ";transport=" + transport);
    }

    /** The part of a peer that, when it changes, means a fresh registration. */
    String registrationKey() {
        return host + ":" + port + ";" + transport + ";" + username + ";" + password + ";" + registerExpiry + ";" + domain;
    }

    @Override
    public String toString() {
        return "TrunkPeer[" + name + " " + uri() + (username == null ? "" : ", user " + username)
                + (register ? ", register" : "") + "]";
    }
}
