import express from 'express';

// The ceiling: Express with express.json() answering a constant body, and nothing else.
// It shows what the framework alone costs; the mock cannot be faster than this.
const port = Number(process.argv[2] ?? 4331);
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
const BODY = JSON.stringify({ success: true });
app.use((_req, res) => {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(BODY);
});
app.listen(port, '127.0.0.1');
