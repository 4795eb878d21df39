// A preload (`node --import <this file>`) for programs under test: every host name resolves
// to a refusal, so nothing the program does can reach an address other than the 127.0.0.1
// servers a test started (those are IP literals, which need no look-up). It is how a test can
// let a program build its real Alibaba Cloud endpoint from a region, or an STS endpoint, and
// still be sure no request leaves the machine: the program sees what an offline machine shows,
// ENOTFOUND for the host it asked for, and says so. The ECS metadata address (100.100.100.200)
// is an IP literal: it is refused by the connect hook below.
import dns from "node:dns";
import net from "node:net";

function refuse(hostname) {
  const error = new Error(`getaddrinfo ENOTFOUND ${hostname} (the test allows 127.0.0.1 only)`);
  error.code = "ENOTFOUND";
  error.syscall = "getaddrinfo";
  error.hostname = hostname;
  return error;
}

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === "function" ? options : callback;
  // An address is "looked up" too (a server's listen does): the connect hook judges those.
  if (net.isIP(hostname) !== 0 || hostname === "localhost") {
    return originalLookup.call(dns, hostname, options, callback);
  }
  process.nextTick(() => done(refuse(hostname)));
};
const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async (hostname, options) => {
  if (net.isIP(hostname) !== 0 || hostname === "localhost") {
    return originalPromiseLookup.call(dns.promises, hostname, options);
  }
  throw refuse(hostname);
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === "object" && first !== null ? first : { host: args[1] };
  const host = options.host;
  if (typeof options.path !== "string" && typeof host === "string" && net.isIP(host) !== 0) {
    if (!LOOPBACK.test(host)) {
      const error = new Error(`connect ECONNREFUSED ${host} (the test allows 127.0.0.1 only)`);
      error.code = "ECONNREFUSED";
      error.syscall = "connect";
      error.address = host;
      process.nextTick(() => this.destroy(error));
      return this;
    }
  }
  return originalConnect.apply(this, args);
};
