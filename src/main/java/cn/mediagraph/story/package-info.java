/**
 * Stories: gathered once, produced in several forms (一次采集、多种生成). A story carries the
 * reporter's text and media and one version per channel or medium it goes out on.
 */
@org.jspecify.annotations.NullMarked
package cn.mediagraph.story;
