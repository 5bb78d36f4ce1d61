@org.jspecify.annotations.NullMarked
package cn.mediagraph.demo;
