// A real SMTP server (npm smtp-server) for the mail tests: STARTTLS and implicit-TLS listeners on 127.0.0.1,
// AUTH PLAIN/LOGIN against the test users, delivery into each user's Maildir, which dovecot serves over IMAP.
// Recipients whose local part starts with "busy" get 451 (a deferral), to test how senders map 4xx replies.
'use strict';
const { SMTPServer } = require('smtp-server');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const userOf = address => address.split('@')[0].split('+')[0].toLowerCase();

function fail(code, text) {
  const error = new Error(text);
  error.responseCode = code;
  return error;
}

function deliver(recipient, from, data) {
  const maildir = path.join(cfg.home, userOf(recipient), 'Maildir');
  for (const sub of ['tmp', 'new', 'cur']) {
    fs.mkdirSync(path.join(maildir, sub), { recursive: true, mode: 0o777 });
    fs.chmodSync(path.join(maildir, sub), 0o777);
  }
  fs.chmodSync(maildir, 0o777);
  const name = `${Date.now()}.${crypto.randomBytes(8).toString('hex')}.goodwill`;
  const temporary = path.join(maildir, 'tmp', name);
  const trace = Buffer.from(`Return-Path: <${from}>\r\nDelivered-To: ${recipient}\r\n`);
  fs.writeFileSync(temporary, Buffer.concat([trace, data]), { mode: 0o666 });
  fs.renameSync(temporary, path.join(maildir, 'new', name));
}

const common = {
  key: fs.readFileSync(cfg.key),
  cert: fs.readFileSync(cfg.cert),
  authMethods: ['PLAIN', 'LOGIN'],
  size: 10 * 1024 * 1024,
  logger: false,
  onAuth(auth, session, callback) {
    if (Object.prototype.hasOwnProperty.call(cfg.users, auth.username) && cfg.users[auth.username] === auth.password) {
      return callback(null, { user: auth.username });
    }
    return callback(fail(535, '5.7.8 Authentication credentials invalid'));
  },
  onRcptTo(address, session, callback) {
    const user = userOf(address.address);
    if (user.startsWith('busy')) {
      return callback(fail(451, '4.7.0 Try again later'));
    }
    if (!Object.prototype.hasOwnProperty.call(cfg.users, user)) {
      return callback(fail(550, '5.1.1 No such user here'));
    }
    return callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', chunk => chunks.push(chunk));
    stream.on('end', () => {
      try {
        const data = Buffer.concat(chunks);
        for (const recipient of session.envelope.rcptTo) {
          deliver(recipient.address, session.envelope.mailFrom ? session.envelope.mailFrom.address : '', data);
        }
        callback();
      } catch (error) {
        callback(fail(451, '4.3.0 ' + error.message));
      }
    });
  },
};

// A client that connects and hangs up (the fixture's port probe, a failed TLS handshake) is an 'error' event:
// log it instead of letting the unhandled event end the process.
for (const [secure, port] of [[false, cfg.startTlsPort], [true, cfg.implicitTlsPort]]) {
  const server = new SMTPServer({ ...common, secure });
  server.on('error', error => process.stderr.write(`smtp: ${error.code || ''} ${error.message}\n`));
  server.listen(port, '127.0.0.1');
}
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
