// Compiles the test contracts with solc (solcjs) and writes one artifact per contract:
// abi, creation bytecode, runtime bytecode and the runtime's immutableReferences.
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const here = __dirname;
const out = path.join(here, '..', 'resources', 'contracts');
const sources = {};
for (const file of fs.readdirSync(here).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(here, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.deployedBytecode.immutableReferences'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}
fs.mkdirSync(out, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, contract] of Object.entries(contracts)) {
    if (contract.evm.bytecode.object.length === 0) continue; // abstract contracts and interfaces
    const artifact = {
      contractName: name,
      sourceName: file,
      compiler: solc.version(),
      abi: contract.abi,
      bytecode: '0x' + contract.evm.bytecode.object,
      deployedBytecode: '0x' + contract.evm.deployedBytecode.object,
      immutableReferences: contract.evm.deployedBytecode.immutableReferences || {},
    };
    fs.writeFileSync(path.join(out, name + '.json'), JSON.stringify(artifact, null, 2) + '\n');
    console.log('wrote ' + name + '.json');
  }
}
