@org.jspecify.annotations.NullMarked
package cn.mediagraph.channel;
