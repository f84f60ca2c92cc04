// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Shared delegation: forwards the call to `implementation` and returns or reverts with its result.
abstract contract Delegating {
    function _delegate(address implementation) internal {
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), implementation, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }
}

/// An ERC-1967 transparent-style proxy: implementation in the standard slot, upgrades by the admin emit Upgraded.
contract Proxy1967 is Delegating {
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    bytes32 internal constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    event Upgraded(address indexed implementation);

    constructor(address implementation, address admin) {
        assembly {
            sstore(IMPLEMENTATION_SLOT, implementation)
            sstore(ADMIN_SLOT, admin)
        }
        emit Upgraded(implementation);
    }

    function upgradeTo(address implementation) external {
        address admin;
        assembly { admin := sload(ADMIN_SLOT) }
        if (msg.sender != admin) {
            _delegate(_implementation());
        }
        assembly { sstore(IMPLEMENTATION_SLOT, implementation) }
        emit Upgraded(implementation);
    }

    function _implementation() internal view returns (address implementation) {
        assembly { implementation := sload(IMPLEMENTATION_SLOT) }
    }

    fallback() external payable {
        _delegate(_implementation());
    }

    receive() external payable {
        _delegate(_implementation());
    }
}

/// An upgradeable beacon: proxies ask it for their implementation.
contract Beacon {
    address public implementation;
    address private immutable owner;

    event Upgraded(address indexed implementation);

    constructor(address implementation_) {
        owner = msg.sender;
        implementation = implementation_;
        emit Upgraded(implementation_);
    }

    function upgradeTo(address implementation_) external {
        require(msg.sender == owner, "not owner");
        implementation = implementation_;
        emit Upgraded(implementation_);
    }
}

/// An ERC-1967 beacon proxy: the beacon's address in the beacon slot.
contract BeaconProxy is Delegating {
    bytes32 internal constant BEACON_SLOT = 0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50;

    event BeaconUpgraded(address indexed beacon);

    constructor(address beacon) {
        assembly { sstore(BEACON_SLOT, beacon) }
        emit BeaconUpgraded(beacon);
    }

    fallback() external payable {
        address beacon;
        assembly { beacon := sload(BEACON_SLOT) }
        _delegate(Beacon(beacon).implementation());
    }
}

/// An EIP-1822 (UUPS) proxy: the implementation in the PROXIABLE slot.
contract UupsProxy is Delegating {
    bytes32 internal constant PROXIABLE_SLOT = 0xc5f16f0fcc639fa48a6947836d9850f504798523bf8c9a3a87d5876cf622bcf7;

    constructor(address implementation) {
        assembly { sstore(PROXIABLE_SLOT, implementation) }
    }

    fallback() external payable {
        address implementation;
        assembly { implementation := sload(PROXIABLE_SLOT) }
        _delegate(implementation);
    }
}
