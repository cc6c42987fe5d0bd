throw new Error('harness: broken on purpose');
