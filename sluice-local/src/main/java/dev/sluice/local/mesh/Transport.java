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
import io.netty.util.concurrent.DefaultThreadFactory;

/** The native epoll transport where it loads (Linux x86-64), NIO elsewhere. */
record Transport(String name, IoHandlerFactory ioHandler, Class<? extends ServerSocketChannel> serverChannel,
                 Class<? extends SocketChannel> clientChannel) {

    static Transport select(boolean preferEpoll) {
        if (preferEpoll && Epoll.isAvailable() && nativeMatches()) {
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
