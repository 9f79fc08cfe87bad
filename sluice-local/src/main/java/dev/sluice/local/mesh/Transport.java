package dev.sluice.local.mesh;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Set;

/**
 * The event-loop transport: io_uring where the kernel offers it (fewest CPU cycles per proxied request
 * in bench/mesh: 11.1-11.7 us against epoll's 13.0), epoll on other Linux x86-64 systems, NIO elsewhere.
 */
record Transport(String name, IoHandlerFactory ioHandler, Class<? extends ServerSocketChannel> serverChannel,
                 Class<? extends SocketChannel> clientChannel) {

    static final Set<String> NAMES = Set.of("auto", "io_uring", "epoll", "nio");

    /**
     * {@code wanted} (one of {@link #NAMES}) if it loads here, else the next one down the list. Each
     * {@code isAvailable()} loads its native library, which {@link #nativeMatches()} needs loaded first.
     */
    static Transport select(String wanted) {
        boolean any = wanted.equals("auto");
        if ((any || wanted.equals("io_uring")) && IoUring.isAvailable() && nativeMatches()) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                    IoUringSocketChannel.class);
        }
        if (!wanted.equals("nio") && Epoll.isAvailable() && nativeMatches()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    /** A native library of another Netty release loads, yet lacks methods the Java side calls. */
    private static boolean nativeMatches() {
        try {
            Class.forName("io.netty.channel.unix.Errors", true, Transport.class.getClassLoader());
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    EventLoopGroup newGroup(int threads, String prefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(prefix, true), ioHandler);
    }
}
