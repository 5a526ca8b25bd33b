module.exports = async () => {
  await globalThis.__authmock?.close();
};
