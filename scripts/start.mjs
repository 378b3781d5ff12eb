// `npm start`: runs the local network once packages/network and packages/rpc exist.
console.log('Sorobox: the local network and RPC server are not implemented yet (see README "Status").');
console.log('The Soroban host is available as a library: packages/host.');
