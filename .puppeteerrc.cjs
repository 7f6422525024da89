// court-report prints with a system Chrome/Chromium (see README); never download one.
module.exports = { skipDownload: true };
