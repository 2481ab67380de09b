package io.startline.cluster.member;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Before a member starts anything: every port it will bind is free, so a port in use is one
 * clear line naming the port and what it is for, not a stack trace from deep in a media driver.
 */
public final class PortCheck
{
    private PortCheck()
    {
    }

    /**
     * @throws IllegalArgumentException naming the first port that cannot be bound.
     */
    public static void checkFree(final MemberList.Member member)
    {
        checkTcp(member.host(), member.basePort() + MemberList.STATUS_PORT_OFFSET, "status (HTTP)");
        checkUdp(member.host(), member.basePort() + MemberList.INGRESS_PORT_OFFSET, "ingress");
        checkUdp(member.host(), member.basePort() + MemberList.CONSENSUS_PORT_OFFSET, "consensus");
        checkUdp(member.host(), member.basePort() + MemberList.LOG_PORT_OFFSET, "log");
        checkUdp(member.host(), member.basePort() + MemberList.CATCHUP_PORT_OFFSET, "catch-up");
        checkUdp(member.host(), member.basePort() + MemberList.ARCHIVE_PORT_OFFSET, "archive");
    }

    private static void checkTcp(final String host, final int port, final String what)
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("member port " + host + ":" + port + " (" + what + ", TCP) cannot be " +
                "bound: " + ex.getMessage());
        }
    }

    private static void checkUdp(final String host, final int port, final String what)
    {
        try (DatagramSocket socket = new DatagramSocket(null))
        {
            socket.bind(new InetSocketAddress(host, port));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("member port " + host + ":" + port + " (" + what + ", UDP) cannot be " +
                "bound: " + ex.getMessage());
        }
    }
}
